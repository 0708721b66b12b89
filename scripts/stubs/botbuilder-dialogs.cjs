// botbuilder-dialogs, as the bundle sees it. teams-ai loads it only for its sign-in flows (OAuth and
// Teams SSO prompts), which Ivareta does not configure; the real package and the text recognisers it
// pulls in cost about half a second of every start-up. Its one use at load time is a base class.
const unavailable = (name) =>
  class {
    constructor() {
      throw new Error(`botbuilder-dialogs ${name} is not in this build: Teams sign-in flows are not used`);
    }
  };

class Dialog {
  static EndOfTurn = { status: 'waiting' };
  constructor(dialogId) {
    this.id = dialogId;
  }
}

module.exports = {
  Dialog,
  DialogSet: unavailable('DialogSet'),
  OAuthPrompt: unavailable('OAuthPrompt'),
  WaterfallDialog: unavailable('WaterfallDialog'),
  DialogTurnStatus: { empty: 'empty', waiting: 'waiting', complete: 'complete', cancelled: 'cancelled' },
};
