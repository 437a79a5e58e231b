import { LightningElement } from 'lwc';
import CONSOLE_URL from '@salesforce/label/c.Stance_Console_URL';
import TITLE from '@salesforce/label/c.Stance_Console_Launcher_Title';
import DESCRIPTION from '@salesforce/label/c.Stance_Console_Launcher_Description';
import OPEN from '@salesforce/label/c.Stance_Console_Launcher_Open';
import NEW_WINDOW from '@salesforce/label/c.Stance_Console_Launcher_New_Window';
import BAD_URL from '@salesforce/label/c.Stance_Console_Launcher_Bad_URL';

/**
 * The address in the Stance_Console_URL label, when it is a web address (http or https);
 * anything else (empty, a typo, a javascript: URL) is never opened.
 */
export function consoleAddress(value) {
  try {
    const url = new URL(String(value ?? '').trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The Stance console's entry in Lightning: a sentence saying what the console is for and a button
 * that opens it in a window of its own. Never a frame: the console protects itself from framing
 * and keeps its sign-in cookie to its own site.
 */
export default class StanceConsoleLauncher extends LightningElement {
  labels = { title: TITLE, description: DESCRIPTION, open: OPEN, newWindow: NEW_WINDOW, badUrl: BAD_URL };
  address = consoleAddress(CONSOLE_URL);

  handleOpen() {
    if (!this.address) return;
    // noopener: the console's window gets no handle back to Salesforce's.
    window.open(this.address, '_blank', 'noopener'); // i18n-exempt: window.open's target and features
  }
}
