// Synthetic shadow first: lightning-base-components and SLDS are written for Lightning's synthetic shadow DOM.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import App from 'console/app';

// The page's one mount point, outside any component.
// eslint-disable-next-line @lwc/lwc/no-document-query
const root = document.getElementById('root');
root.replaceChildren(createElement('console-app', { is: App }));
