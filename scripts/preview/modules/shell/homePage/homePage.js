import { LightningElement } from 'lwc';
import { homePageRegions } from 'preview/layout';

// The Home template's regions (home:desktopTemplate), in the order the page shows them.
const MAIN_REGIONS = ['top', 'bottomLeft', 'bottomRight'];
// The Stance components a Home page may place, and which the preview draws for each.
const KINDS = [{ name: 'stancePortfolio', flag: 'isStancePortfolio' }];

function componentsOf(regionName) {
  return (homePageRegions[regionName] || []).map((component) => ({
    key: `${regionName}:${component.identifier}`,
    componentName: component.componentName,
    ...Object.fromEntries(KINDS.map((kind) => [kind.flag, component.componentName === kind.name])),
  }));
}

/**
 * The Home page laid out by the project's Stance_Home flexipage: the main column's regions
 * (top, bottom left, bottom right) and the sidebar, each with its components in order. Stance
 * components render as themselves; standard Home components are named, not drawn.
 */
export default class HomePage extends LightningElement {
  get main() {
    return MAIN_REGIONS.flatMap((name) => componentsOf(name));
  }

  get sidebar() {
    return componentsOf('sidebar');
  }

  get hasSidebar() {
    return this.sidebar.length > 0;
  }

  get mainClass() {
    return `slds-col slds-size_1-of-1${this.hasSidebar ? ' slds-large-size_8-of-12' : ''}`;
  }
}
