import { classify } from '..';
import type { CompiledConfig } from '..';
import { tidyPunctuation } from '../rules/template';
import { NOW, customer } from './support/builders';
import { compile, shippedCompiled, shippedConfig } from './support/shippedConfig';

describe('a reason reads its punctuation once', () => {
  it("keeps a manager's override text as typed and ends the reason with one full stop", () => {
    const result = classify(
      customer({ account: { Stance_Override__c: 'Fire', Stance_Override_Reason__c: 'Customer asked to pause.' } }),
      shippedCompiled(),
      NOW,
    );
    expect(result.reason).toBe('Set by hand to Fire: Customer asked to pause.');
    expect(result.explanation.reason).toBe('Set by hand to Fire: Customer asked to pause.');
    expect(result.explanation.override?.reason).toBe('Customer asked to pause.');
  });

  it.each([
    ['Customer asked to pause!', 'Set by hand to Fire: Customer asked to pause!'],
    ['Pause?', 'Set by hand to Fire: Pause?'],
    ['Pause ,', 'Set by hand to Fire: Pause.'],
    ['Wait for the new buyer...', 'Set by hand to Fire: Wait for the new buyer...'],
    ['Dr. Lang asked. Again', 'Set by hand to Fire: Dr. Lang asked. Again.'],
  ])('override text %j', (typed, reason) => {
    const result = classify(
      customer({ account: { Stance_Override__c: 'Fire', Stance_Override_Reason__c: typed } }),
      shippedCompiled(),
      NOW,
    );
    expect(result.reason).toBe(reason);
  });

  it('where a fact value ending in a full stop meets the template’s own', () => {
    const base = shippedConfig();
    const config: CompiledConfig = compile({
      ...base,
      rules: base.rules.map((rule) =>
        rule.name === 'Healthy_Customer' ? { ...rule, reason: 'Keep {Name}. Wait... then call {Name}.' } : rule,
      ),
    });
    const result = classify(customer({ account: { Name: 'Kakao Werke Inc.' } }), config, NOW);
    expect(result.explanation.rule?.name).toBe('Healthy_Customer');
    expect(result.reason).toBe('Keep Kakao Werke Inc. Wait... then call Kakao Werke Inc.');
  });
});

describe('tidyPunctuation', () => {
  it.each([
    ['pause..', 'pause.'],
    ['pause. .', 'pause.'],
    ['pause .', 'pause.'],
    ['pause!.', 'pause!'],
    ['pause? .', 'pause?'],
    ['pause,.', 'pause.'],
    ['pause , .', 'pause.'],
    ['pause....', 'pause...'],
    ['pause… .', 'pause…'],
    ['pause... then go.', 'pause... then go.'],
    ['version 1.2.3 is out.', 'version 1.2.3 is out.'],
    ['see .NET here.', 'see .NET here.'],
  ])('%j reads %j', (text, tidy) => {
    expect(tidyPunctuation(text)).toBe(tidy);
  });
});
