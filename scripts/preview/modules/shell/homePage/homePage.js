import { LightningElement } from 'lwc';
import { homePageRegions } from 'preview/layout';
import { word } from 'shell/words';

/**
 * The Home page laid out by the project's Stance_Home flexipage (home:desktopTemplate): the main
 * column's regions (top, bottom left, bottom right) in order, and the sidebar when it has
 * components. Each region draws its components as the record page's regions do.
 */
export default class HomePage extends LightningElement {
  homeLabel = word('home');

  get hasSidebar() {
    return (homePageRegions.sidebar || []).length > 0;
  }

  get mainClass() {
    return `slds-col slds-size_1-of-1${this.hasSidebar ? ' slds-large-size_8-of-12' : ''}`;
  }
}
