import { describe, expect, it } from 'vitest';
import { recogniseIntent } from '../../src/app/intents.ts';

describe('typed commands', () => {
  it.each(['help', 'hjelp', 'hjälp', 'hjælp', 'Help!', '  HJELP  ', 'meny'])('%s opens the menu', (text) => {
    expect(recogniseIntent(text)).toEqual({ kind: 'help' });
  });

  it.each([
    'new incident',
    'ny hendelse',
    'ny händelse',
    'ny hændelse',
    'Ny uønsket hendelse',
    'ny avvikelse',
    'ny utilsigtet hændelse',
  ])('%s starts a registration', (text) => expect(recogniseIntent(text)).toEqual({ kind: 'newIncident' }));

  it.each(['my incidents', 'mine hendelser', 'mina händelser', 'mine hændelser'])('%s lists my incidents', (text) => {
    expect(recogniseIntent(text)).toEqual({ kind: 'myIncidents' });
  });

  it.each([
    ['language: svenska', 'sv'],
    ['språk: norsk', 'nb'],
    ['sprog dansk', 'da'],
    ['language english', 'en'],
    ['language: nb', 'nb'],
    ['språk: klingon', null],
  ])('%s sets the language to %s', (text, locale) => {
    expect(recogniseIntent(text)).toEqual({ kind: 'language', locale });
  });

  it('treats other text as no command', () => {
    expect(recogniseIntent('when may we not write a DNR order?')).toBeNull();
    expect(recogniseIntent('helpful')).toBeNull();
    expect(recogniseIntent('')).toBeNull();
  });
});
