import { LightningElement, api } from 'lwc';
import { homePageRegions, recordPageRegions } from 'preview/layout';
import { word } from 'shell/words';

// The flexipage's component names, and which the preview draws for each.
const KINDS = [
  { name: 'force:highlightsPanel', flag: 'isHighlights' },
  { name: 'force:detailPanel', flag: 'isDetails' },
  { name: 'force:relatedListContainer', flag: 'isRelatedLists' },
  { name: 'stancePanel', flag: 'isStancePanel' },
  { name: 'stanceChecklist', flag: 'isStanceChecklist' },
  { name: 'stanceOverride', flag: 'isStanceOverride' },
  { name: 'reportSignal', flag: 'isReportSignal' },
  { name: 'stancePortfolio', flag: 'isStancePortfolio' },
];

const REGIONS_OF_PAGE = { record: recordPageRegions, home: homePageRegions };

/**
 * One region of a page's flexipage (the record page's, or Home's with `page="home"`). Stance
 * components render as themselves; the standard components (highlights, details, related lists)
 * are drawn by the preview, and others are named, not drawn.
 */
export default class Region extends LightningElement {
  @api name;
  @api page = 'record';
  @api objectApiName;
  @api recordId;

  get components() {
    return (REGIONS_OF_PAGE[this.page][this.name] || []).map((component) => ({
      key: component.identifier,
      known: KINDS.some((kind) => kind.name === component.componentName),
      componentName: component.componentName,
      notDrawn: word('notDrawn', component.componentName),
      ...Object.fromEntries(KINDS.map((kind) => [kind.flag, component.componentName === kind.name])),
    }));
  }
}
