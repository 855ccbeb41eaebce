/**
 * Rich canned responses (docs/flows.md, kind CannedResponses): what the validator says about a bad one, at
 * file:line:col, and the LINE message objects a canned response with text, image, flex and quick replies
 * becomes, with the Liquid in its Flex texts rendered for the customer.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CannedResponse } from '../../engine/domain/flow/flow-document.ts';
import { cannedMessages } from '../../engine/domain/flow/runtime/outbound.ts';
import { formatProblem } from '../../engine/domain/flow/validation/flow-problem.ts';
import { validateFlowSources } from '../../engine/domain/flow/validation/validate-flow-sources.ts';
import { onAnyMessage, run, text } from '../support/flow-fixtures.ts';

const card = {
  altText: 'Hours for {{ customer.name }}',
  contents: {
    type: 'bubble',
    body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'Hi {{ customer.name }}', color: '#{{ not-rendered }}' }] },
    footer: { type: 'box', layout: 'vertical', contents: [{ type: 'button', action: { type: 'postback', label: 'Ask {{ customer.name }}', data: 'who={{ customer.name }}' } }] },
  },
};

const hours: CannedResponse = {
  id: 'hours',
  title: 'Opening hours',
  text: 'Here you go, {{ customer.name }}:',
  variants: { th: 'นี่ค่ะ คุณ{{ customer.name }}' },
  image: { url: 'https://example.com/map.png', previewUrl: 'https://example.com/map-small.png' },
  flex: card,
  quickReplies: [{ label: 'Agent', text: 'agent' }, { label: 'Menu', postback: 'action=menu' }],
};

const quickReply = {
  items: [
    { type: 'action', action: { type: 'message', label: 'Agent', text: 'agent' } },
    { type: 'action', action: { type: 'postback', label: 'Menu', data: 'action=menu', displayText: 'Menu' } },
  ],
};

test('a canned response with text, image, flex and quick replies is three LINE messages, quick replies on the last', () => {
  const render = (template: string) => template.replaceAll('{{ customer.name }}', 'Somchai');
  assert.equal(cannedMessages(hours, 'th', render), [
    { type: 'text', text: 'นี่ค่ะ คุณSomchai' },
    { type: 'image', originalContentUrl: 'https://example.com/map.png', previewImageUrl: 'https://example.com/map-small.png' },
    {
      type: 'flex',
      altText: 'Hours for Somchai',
      contents: {
        type: 'bubble',
        // texts and action labels are templates; colours and postback data go as written
        body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'Hi Somchai', color: '#{{ not-rendered }}' }] },
        footer: { type: 'box', layout: 'vertical', contents: [{ type: 'button', action: { type: 'postback', label: 'Ask Somchai', data: 'who={{ customer.name }}' } }] },
      },
      quickReply,
    },
  ]);
  assert.equal(card.contents.body.contents[0]?.text, 'Hi {{ customer.name }}', "the flow document's own copy is left alone");
});

test('say: { canned } in a flow sends every message of the response, each marked with its id; the step\'s quick replies win', () => {
  const set = onAnyMessage([{ id: 'first', say: { canned: 'hours', quickReplies: [{ label: 'Thanks' }] } }], { canned: [hours] });
  const actions = run(set, text('hours?'), { customer: { language: 'en' } }).actions;
  assert.equal(actions.map((a) => (a.type === 'say' ? [a.canned, a.message.type] : a.type)), [['hours', 'text'], ['hours', 'image'], ['hours', 'flex']]);
  const last = actions.at(-1);
  assert.ok(last?.type === 'say' && last.message.type === 'flex');
  assert.equal(last.message.altText, 'Hours for Somchai');
  assert.equal(last.message.quickReply, { items: [{ type: 'action', action: { type: 'message', label: 'Thanks', text: 'Thanks' } }] });
  const [first] = actions;
  assert.ok(first?.type === 'say' && first.message.type === 'text' && first.message.quickReply === undefined, 'no quick replies before the last message');
});

test('an image-only canned response is one image message carrying the quick replies', () => {
  const map: CannedResponse = { id: 'map', title: 'Map', image: { url: 'https://example.com/map.png' }, quickReplies: [{ label: 'Agent', text: 'agent' }] };
  assert.equal(cannedMessages(map, null, (t) => t), [
    { type: 'image', originalContentUrl: 'https://example.com/map.png', previewImageUrl: 'https://example.com/map.png', quickReply: { items: [{ type: 'action', action: { type: 'message', label: 'Agent', text: 'agent' } }] } },
  ]);
});

const problems = (source: string) => validateFlowSources([{ file: 'canned.yaml', source }], {}).problems.map(formatProblem);

test('a bad Flex message in a canned response is reported at its line and column', () => {
  const source = [
    'kind: CannedResponses',
    'id: rich',
    'responses:',
    '  - id: card',
    '    title: Card',
    '    flex:',
    '      altText: Card',
    '      contents:',
    '        type: carousel',
    '        contents:',
    '          - type: bubble',
    '            body: { type: box, layout: diagonal, contents: [{ type: txt, text: Hi }] }',
    '          - { type: box }',
  ].join('\n');
  assert.equal(problems(source), [
    'canned.yaml:12:40: a box needs `layout`: vertical, horizontal, baseline [flex-component] (at /responses/0/flex/contents/contents/0/body/layout)',
    'canned.yaml:12:69: "txt" is not a Flex component; use one of box, text, image, video, button, icon, separator, filler, spacer [flex-component] (at /responses/0/flex/contents/contents/0/body/contents/0/type)',
    'canned.yaml:13:13: each item of a carousel must be a bubble (`type: bubble`) [flex-carousel] (at /responses/0/flex/contents/contents/1)',
  ]);
});

test('a Flex altText or text that is not valid Liquid, and variants without a text, are refused', () => {
  const source = [
    'kind: CannedResponses',
    'id: rich',
    'responses:',
    '  - id: card',
    '    title: Card',
    '    variants: { th: สวัสดี }',
    '    flex:',
    '      altText: "Hi {{ customer.name"',
    '      contents: { type: bubble, body: { type: box, layout: vertical, contents: [{ type: text, text: "{% if x %}" }] } }',
  ].join('\n');
  const lines = problems(source);
  assert.ok(lines.some((line) => line.startsWith('canned.yaml:4:5: missing key "text" that "variants" needs')), lines.join('\n'));
  assert.ok(lines.some((line) => /^canned\.yaml:8:\d+: Liquid template does not parse.*\[template-syntax\] \(at \/responses\/0\/flex\/altText\)$/.test(line)), lines.join('\n'));
});

test("a flow's say step with a bad Flex message is reported too", () => {
  const source = [
    'kind: Flow',
    'id: support',
    'triggers: [{ id: hello, event: follow, goto: card }]',
    'steps:',
    '  - id: card',
    '    say:',
    '      flex:',
    '        altText: Card',
    '        contents: { type: bubble, footer: { type: box, layout: vertical, contents: [{ type: button, style: primary }] } }',
  ].join('\n');
  assert.equal(problems(source), [
    'canned.yaml:9:85: a button needs an `action` (e.g. `{ type: uri, label: Call us, uri: "tel:021234567" }`) [flex-component] (at /steps/0/say/flex/contents/footer/contents/0)',
  ]);
});

test.run();
