// The channel-neutral card: what a dialog or a notice looks like, already localised.
// cards/adaptive.ts and cards/blockkit.ts render it; nothing here knows a platform.

export interface Option {
  value: string;
  label: string;
}

export type Input =
  | {
      type: 'text';
      id: string;
      label: string;
      placeholder?: string;
      multiline?: boolean;
      maxLength?: number;
      required?: boolean;
      value?: string;
      error?: string;
    }
  | {
      /** A point in time. Teams renders it as a date and a time input (`<id>` and `<id>Time`). */
      type: 'datetime';
      id: string;
      label: string;
      /** Local wall-clock time `YYYY-MM-DDTHH:mm` in the user's time zone. */
      value?: string;
      /** Upper bound, same format. */
      max?: string;
      required?: boolean;
      error?: string;
    }
  | {
      type: 'choice';
      id: string;
      label: string;
      options: Option[];
      /** Several may be chosen (a checklist); the value is then the chosen values. */
      multi?: boolean;
      /** All options shown at once (radio buttons / checkboxes) instead of a drop-down. */
      expanded?: boolean;
      value?: string | string[];
      required?: boolean;
      error?: string;
    }
  | {
      /** People picker (Teams) / users select (Slack). `options` lists known users for renderers without a directory. */
      type: 'users';
      id: string;
      label: string;
      multi: boolean;
      options: Option[];
      value?: string[];
      required?: boolean;
      error?: string;
    };

export interface Action {
  /** Action id routed by the core, e.g. `incident.register`. */
  id: string;
  label: string;
  style?: 'primary' | 'danger';
  /** Extra values sent back with the action (ids, never free text). */
  data?: Record<string, string>;
  /** True when pressing it submits the card's inputs. */
  submit?: boolean;
  /** Opens a link instead of calling back. */
  url?: string;
}

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string; tone?: 'normal' | 'muted' | 'attention' | 'good' }
  | { kind: 'facts'; items: { label: string; value: string }[] }
  | { kind: 'list'; items: string[] }
  | { kind: 'input'; input: Input }
  | { kind: 'actions'; actions: Action[] }
  | { kind: 'divider' };

export interface Card {
  /** Stable id of the card kind, e.g. `menu`, `incident.register`, `incident.case`. */
  id: string;
  /** Plain text for notifications and screen readers. */
  fallbackText: string;
  body: Block[];
  /**
   * When set, Slack shows this form in a modal: the message carries `launcher`
   * (a text and a button with action `dialog.open`) and the modal holds `body`.
   */
  modal?: {
    title: string;
    submitLabel: string;
    closeLabel: string;
    launcherText: string;
    launcherLabel: string;
    /** Sent with the launcher button (besides the card id) so the core can render the same form again. */
    openData?: Record<string, string>;
  };
}
