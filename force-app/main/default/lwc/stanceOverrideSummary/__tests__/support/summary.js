/**
 * What the English and German tests of c-stance-override-summary share: mounting it with its
 * properties and reading what it says. Load it after the test's locale is set (see
 * c/stanceI18n's support/germanUser): it loads the component. Not a test itself.
 */
import { createElement } from 'lwc';
import StanceOverrideSummary from 'c/stanceOverrideSummary';

export function mount(props) {
  const element = createElement('c-stance-override-summary', { is: StanceOverrideSummary });
  Object.assign(element, props);
  document.body.appendChild(element);
  return element;
}

export const summaryText = (element) => element.shadowRoot.querySelector('[data-id="summary"]').textContent;
export const strong = (element) => [...element.shadowRoot.querySelectorAll('strong')].map((node) => node.textContent);

export function removeAll() {
  while (document.body.firstChild) {
    document.body.removeChild(document.body.firstChild);
  }
}
