import { scriptLiterals, templateLiterals } from '../literals';

const texts = (found: ReadonlyArray<{ text: string }>) => found.map((literal) => literal.text);

describe('the literal check', () => {
  it('finds words in template text and in the attributes people read, not in bindings', () => {
    const found = templateLiterals(
      'x.html',
      `<template>
        <lightning-card title="Stance" icon-name="utility:target">
          <p>{labels.intro}</p>
          <p>Nothing reported yet.</p>
          <span> · {count} — </span>
          <lightning-button label={labels.save} onclick={save}></lightning-button>
          <lightning-icon alternative-text="Warning" icon-name="utility:warning" class="slds-m-right_x-small"></lightning-icon>
        </lightning-card>
      </template>`,
    );
    expect(texts(found)).toEqual(['Stance', 'Nothing reported yet.', 'Warning']);
    expect(found[1]).toMatchObject({ file: 'x.html', line: 4, where: 'text' });
  });

  it('lets a template mark an element no person reads', () => {
    const found = templateLiterals(
      'x.html',
      `<template><!-- i18n-exempt: the product's name --><h2 title="Stance">Stance</h2><p>Words</p></template>`,
    );
    expect(texts(found)).toEqual(['Words']);
  });

  it('finds sentences and capitalised words in JavaScript, with their line', () => {
    const found = scriptLiterals(
      'x.js',
      `import LABEL from '@salesforce/label/c.Stance_X';
const STANCES = { Attack: { label: 'Attack', badge: 'stance-badge stance-badge_attack', icon: 'utility:target' } };
export function say(count) {
  return \`\${count} signals reported\`;
}
throw new Error('The stored explanation is not valid JSON.');`,
    );
    expect(texts(found)).toEqual(['Attack', '{} signals reported', 'The stored explanation is not valid JSON.']);
    expect(found.map((literal) => literal.line)).toEqual([2, 4, 6]);
  });

  it('leaves API values, events, selectors, queries, console and marked lines alone', () => {
    const found = scriptLiterals(
      'x.js',
      `if (stance === 'Attack') this.dispatchEvent(new CustomEvent('Stance Changed'));
switch (status) { case 'Closed Won': break; }
this.template.querySelector('lightning-input[data-name="Reason Text"]');
console.warn('Something went wrong here');
const FIELDS = ['Account.Stance__c', 'Account.Name'];
const query = gql\`query Portfolio { uiapi { query { Account { edges { node { Id } } } } } }\`;
const SOURCES = ['Customer Support', 'Logistics']; // i18n-exempt: picklist API values
const map = { 'Customer Support': 1 };`,
    );
    expect(texts(found)).toEqual([]);
  });
});
