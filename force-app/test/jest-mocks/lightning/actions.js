// sfdx-lwc-jest has no stub for lightning/actions: the event a quick action closes with.
export const CloseActionScreenEvent = jest.fn(function CloseActionScreenEvent() {
  return new CustomEvent('close');
});
