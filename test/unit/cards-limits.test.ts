// checkBlockKit must reject what Slack would reject: each case breaks one documented limit of a valid payload.
import { describe, expect, it } from 'vitest';
import { type SlackBlock, toBlockKitMessage, toBlockKitModal } from '../../cards/blockkit.ts';
import { checkBlockKit } from '../../cards/limits.ts';
import { menuSample, registerSample } from '../helpers/card-samples.ts';

// biome-ignore lint/suspicious/noExplicitAny: the cases reach deep into payloads to break one rule each
type Json = Record<string, any>;
const clone = <T>(value: T): T => structuredClone(value);

describe('checkBlockKit', () => {
  const message = () => clone(toBlockKitMessage(menuSample)) as Json;
  const modal = () => clone(toBlockKitModal(registerSample, { callbackId: 'dialog.submit' })) as Json;
  const text = (n: number, ch = 'a') => ch.repeat(n);
  const section = (t = 'x'): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text: t } });
  const button = (id: string, extra: Json = {}) => ({
    type: 'button',
    action_id: id,
    text: { type: 'plain_text', text: 'B' },
    ...extra,
  });

  it('accepts the rendered payloads', () => {
    expect(checkBlockKit(message(), 'message')).toEqual([]);
    expect(checkBlockKit(modal(), 'modal')).toEqual([]);
  });

  it.each<[string, 'message' | 'modal', (p: Json) => void, RegExp]>([
    [
      'a header of 151 characters',
      'message',
      (p) => p.blocks.unshift({ type: 'header', text: { type: 'plain_text', text: text(151) } }),
      /blocks\[0\]\.text\.text: 151 characters > 150/,
    ],
    [
      'an mrkdwn header',
      'message',
      (p) => p.blocks.unshift({ type: 'header', text: { type: 'mrkdwn', text: 'x' } }),
      /must be plain_text/,
    ],
    [
      '51 blocks in a message',
      'message',
      (p) => {
        p.blocks = Array.from({ length: 51 }, () => section());
      },
      /^blocks: 51 blocks > 50/,
    ],
    [
      '101 blocks in a modal',
      'modal',
      (p) => {
        p.blocks = Array.from({ length: 101 }, () => section());
      },
      /^blocks: 101 blocks > 100/,
    ],
    [
      'a duplicate action_id',
      'message',
      (p) => p.blocks.push({ type: 'actions', elements: [button('incident.new')] }),
      /action_id: duplicate "incident\.new"/,
    ],
    [
      'a duplicate block_id',
      'modal',
      (p) => p.blocks.push({ ...section(), block_id: 'summary' }),
      /block_id: duplicate "summary"/,
    ],
    [
      'an action_id of 256 characters',
      'message',
      (p) => p.blocks.push({ type: 'actions', elements: [button(text(256))] }),
      /action_id: 256 characters > 255/,
    ],
    [
      'section text of 3001 characters',
      'message',
      (p) => p.blocks.push(section(text(3001))),
      /text\.text: 3001 characters > 3000/,
    ],
    [
      '11 fields',
      'message',
      (p) =>
        p.blocks.push({ type: 'section', fields: Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'f' })) }),
      /fields: 11 fields/,
    ],
    [
      'a field of 2001 characters',
      'message',
      (p) => p.blocks.push({ type: 'section', fields: [{ type: 'mrkdwn', text: text(2001) }] }),
      /fields\[0\]\.text: 2001 characters > 2000/,
    ],
    [
      'button text of 76 characters',
      'message',
      (p) => {
        p.blocks.at(-1).elements[0].text.text = text(76);
      },
      /elements\[0\]\.text\.text: 76 characters > 75/,
    ],
    [
      'a button value of 2001 characters',
      'message',
      (p) => {
        p.blocks.at(-1).elements[0].value = text(2001);
      },
      /value: 2001 characters > 2000/,
    ],
    [
      '26 elements in an actions block',
      'message',
      (p) => p.blocks.push({ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button(`b${i}`)) }),
      /elements: 26 elements/,
    ],
    [
      'an empty text object',
      'message',
      (p) => {
        p.blocks[1].text.text = '';
      },
      /blocks\[1\]\.text\.text: empty text/,
    ],
    [
      'a text object without type',
      'message',
      (p) => {
        delete p.blocks[1].text.type;
      },
      /is not plain_text or mrkdwn/,
    ],
    ['an unknown block type', 'message', (p) => p.blocks.push({ type: 'table' }), /unknown block type "table"/],
    [
      'a missing fallback text',
      'message',
      (p) => {
        delete p.text;
      },
      /^text: missing fallback text/,
    ],
    [
      '101 select options',
      'modal',
      (p) => {
        p.blocks[5].element.options = Array.from({ length: 101 }, (_, i) => ({
          text: { type: 'plain_text', text: `${i}` },
          value: `${i}`,
        }));
        delete p.blocks[5].element.initial_option;
      },
      /options: 101 options > 100/,
    ],
    [
      'an option text of 76 characters',
      'modal',
      (p) => {
        p.blocks[5].element.options[1].text.text = text(76);
      },
      /options\[1\]\.text\.text: 76 characters > 75/,
    ],
    [
      'an option value of 151 characters',
      'modal',
      (p) => {
        p.blocks[5].element.options[1].value = text(151);
      },
      /options\[1\]\.value: 151 characters > 150/,
    ],
    [
      'an initial_option not among the options',
      'modal',
      (p) => {
        p.blocks[5].element.initial_option.value = 'nope';
      },
      /initial_option: not one of the options/,
    ],
    [
      'an input label of 2001 characters',
      'modal',
      (p) => {
        p.blocks[3].label.text = text(2001);
      },
      /label\.text: 2001 characters > 2000/,
    ],
    [
      'a placeholder of 151 characters',
      'modal',
      (p) => {
        p.blocks[3].element.placeholder.text = text(151);
      },
      /placeholder\.text: 151 characters > 150/,
    ],
    [
      'max_length above 3000',
      'modal',
      (p) => {
        p.blocks[3].element.max_length = 3001;
      },
      /max_length: must be 0\.\.3000/,
    ],
    [
      'a datetime in milliseconds',
      'modal',
      (p) => {
        p.blocks[4].element.initial_date_time = 1795747200000;
      },
      /initial_date_time: not epoch seconds/,
    ],
    [
      'a title of 25 characters',
      'modal',
      (p) => {
        p.title.text = text(25);
      },
      /^title\.text: 25 characters > 24/,
    ],
    [
      'a submit text of 25 characters',
      'modal',
      (p) => {
        p.submit.text = text(25);
      },
      /^submit\.text: 25 characters > 24/,
    ],
    [
      'a missing submit with inputs',
      'modal',
      (p) => {
        delete p.submit;
      },
      /^submit: required/,
    ],
    [
      'private_metadata of 3001 characters',
      'modal',
      (p) => {
        p.private_metadata = text(3001);
      },
      /^private_metadata: 3001 characters > 3000/,
    ],
    [
      'a callback_id of 256 characters',
      'modal',
      (p) => {
        p.callback_id = text(256);
      },
      /^callback_id: 256 characters > 255/,
    ],
    [
      'a button inside an input block',
      'modal',
      (p) => {
        p.blocks[3].element = button('x');
      },
      /element\.type: "button" is not allowed here/,
    ],
  ])('rejects %s', (_name, surface, mutate, expected) => {
    const payload = surface === 'message' ? message() : modal();
    mutate(payload);
    const problems = checkBlockKit(payload, surface);
    expect(
      problems.some((p) => expected.test(p)),
      problems.join('\n'),
    ).toBe(true);
  });
});
