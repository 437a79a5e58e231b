import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { errorToast, successToast, RECOMPUTING } from 'c/stanceToasts';

describe('c/stanceToasts', () => {
  it('says by default that the stance is being recomputed', () => {
    const toast = successToast('Signal reported');
    expect(toast).toBeInstanceOf(ShowToastEvent);
    expect(toast.detail).toMatchObject({
      title: 'Signal reported',
      message: 'Stance is recomputing the account.',
      variant: 'success',
    });
    expect(RECOMPUTING).toBe('Stance is recomputing the account.');
  });

  it("keeps an error toast until dismissed, with the org's words", () => {
    const toast = errorToast('Not saved', { body: { message: 'Locked' } });
    expect(toast.detail).toMatchObject({ title: 'Not saved', message: 'Locked', variant: 'error', mode: 'sticky' });
  });

  it('speaks German to a German user', () => {
    global.__STANCE_LABEL_LANGUAGE__ = 'de';
    try {
      jest.isolateModules(() => {
        const german = require('c/stanceToasts');
        expect(german.successToast('Signal gemeldet').detail.message).toBe('Stance berechnet den Account neu.');
        expect(german.errorToast('Nicht gespeichert', {}).detail.message).toBe('Unbekannter Fehler');
      });
    } finally {
      delete global.__STANCE_LABEL_LANGUAGE__;
    }
  });
});
