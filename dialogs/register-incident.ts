// Registering what happened, without patient identifiers (issue 4 field ids are a contract).
import type { FormSpec } from './form.ts';

export const INCIDENT_CATEGORIES = [
  'medication',
  'treatment',
  'fall',
  'diagnostics',
  'infection',
  'equipment',
  'communication',
  'violence',
  'other',
] as const;

export const registerIncidentForm: FormSpec = {
  id: 'incident.register',
  titleKey: 'register.title',
  introKey: 'register.intro',
  fields: [
    {
      id: 'summary',
      type: 'text',
      labelKey: 'register.summary',
      placeholderKey: 'register.summaryPlaceholder',
      multiline: true,
      maxLength: 1000,
      required: true,
      freeText: true,
    },
    { id: 'occurredAt', type: 'datetime', labelKey: 'register.occurredAt', required: true, notInFuture: true },
    {
      id: 'category',
      type: 'choice',
      labelKey: 'register.category',
      required: true,
      options: INCIDENT_CATEGORIES.map((c) => ({ value: c, labelKey: `category.${c}` })),
    },
    { id: 'involved', type: 'users', labelKey: 'register.involved', required: false, multi: true },
    { id: 'manager', type: 'users', labelKey: 'register.manager', required: true, multi: false },
    { id: 'peerSupporter', type: 'users', labelKey: 'register.peerSupporter', required: false, multi: false },
  ],
  submit: { action: 'incident.register', labelKey: 'register.submit' },
  cancel: { action: 'menu', labelKey: 'common.cancel' },
  modal: {
    titleKey: 'register.modalTitle',
    launcherTextKey: 'register.launcherText',
    launcherLabelKey: 'register.launcherLabel',
    closeLabelKey: 'common.cancel',
  },
};
