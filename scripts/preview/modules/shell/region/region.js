import { LightningElement, api } from 'lwc';
import { recordPageRegions } from 'preview/layout';

// The flexipage's component names, and which the preview draws for each.
const KINDS = [
  { name: 'force:highlightsPanel', flag: 'isHighlights' },
  { name: 'force:detailPanel', flag: 'isDetails' },
  { name: 'force:relatedListContainer', flag: 'isRelatedLists' },
  { name: 'stancePanel', flag: 'isStancePanel' },
  { name: 'stanceChecklist', flag: 'isStanceChecklist' },
  { name: 'stanceOverride', flag: 'isStanceOverride' },
  { name: 'reportSignal', flag: 'isReportSignal' },
];

/**
 * One region of the record page's flexipage. Stance components render as themselves; the
 * standard components (highlights, details, related lists) are drawn by the preview.
 */
export default class Region extends LightningElement {
  @api name;
  @api objectApiName;
  @api recordId;

  get components() {
    return (recordPageRegions[this.name] || []).map((component) => ({
      key: component.identifier,
      known: KINDS.some((kind) => kind.name === component.componentName),
      componentName: component.componentName,
      ...Object.fromEntries(KINDS.map((kind) => [kind.flag, component.componentName === kind.name])),
    }));
  }
}
