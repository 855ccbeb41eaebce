/**
 * What LINE refuses in a Flex message that the schema leaves open (it takes `contents` as LINE's JSON):
 * unknown container or component types, boxes without a layout or contents, buttons without an action,
 * a carousel of more than 12 bubbles, a bubble over 30 KB or a carousel over 50 KB of JSON (LINE's
 * Messaging API reference), and Liquid that does not parse in the fields the runtime renders
 * (runtime/flex-templates.ts). Not every property LINE knows is checked: the Flex Message Simulator is
 * the authority on layout; these are the mistakes that would bounce the whole message.
 */
import type { FlexMessageSpec } from '../flow-document.ts';
import { flexTemplates } from '../runtime/flex-templates.ts';
import { flowFormats } from './flow-formats.ts';
import type { FlowProblem } from './flow-problem.ts';
import { childPointer } from './json-pointer.ts';
import { problemAt, type DocumentSite } from './located-document.ts';

export const MAX_CAROUSEL_BUBBLES = 12;
export const MAX_BUBBLE_BYTES = 30 * 1024;
export const MAX_CAROUSEL_BYTES = 50 * 1024;

const COMPONENT_TYPES = ['box', 'text', 'image', 'video', 'button', 'icon', 'separator', 'filler', 'spacer'];
const LAYOUTS = ['vertical', 'horizontal', 'baseline'];
const ACTION_KEYS: Record<string, string> = { postback: 'data', message: 'text', uri: 'uri', datetimepicker: 'data', clipboard: 'clipboardText', richmenuswitch: 'richMenuAliasId' };
const OTHER_ACTIONS = ['camera', 'cameraRoll', 'location'];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const bytes = (value: unknown): number => new TextEncoder().encode(JSON.stringify(value)).length;

class FlexChecker {
  readonly problems: FlowProblem[] = [];
  constructor(private readonly site: DocumentSite) {}

  problem(at: string, code: string, message: string, atKey = false): void {
    this.problems.push(problemAt(this.site, at, code, message, atKey));
  }

  container(contents: Record<string, unknown>, at: string): void {
    if (contents.type === 'bubble') {
      this.bubble(contents, at);
      return;
    }
    const bubbles = contents.contents;
    if (!Array.isArray(bubbles) || bubbles.length === 0) {
      this.problem(at, 'flex-carousel', 'a carousel needs `contents`: a list of 1 to 12 bubbles', true);
      return;
    }
    if (bubbles.length > MAX_CAROUSEL_BUBBLES) this.problem(childPointer(at, 'contents'), 'flex-carousel', `the carousel has ${bubbles.length} bubbles; LINE allows at most ${MAX_CAROUSEL_BUBBLES}`, true);
    const size = bytes(contents);
    if (size > MAX_CAROUSEL_BYTES) this.problem(at, 'flex-too-large', `the carousel is ${Math.ceil(size / 1024)} KB of JSON; LINE allows at most 50 KB`, true);
    bubbles.forEach((bubble: unknown, i) => {
      const where = childPointer(at, 'contents', i);
      if (isRecord(bubble) && bubble.type === 'bubble') this.bubble(bubble, where);
      else this.problem(where, 'flex-carousel', 'each item of a carousel must be a bubble (`type: bubble`)');
    });
  }

  bubble(bubble: Record<string, unknown>, at: string): void {
    const size = bytes(bubble);
    if (size > MAX_BUBBLE_BYTES) this.problem(at, 'flex-too-large', `the bubble is ${Math.ceil(size / 1024)} KB of JSON; LINE allows at most 30 KB`, true);
    for (const block of ['header', 'body', 'footer']) {
      const value = bubble[block];
      if (value === undefined) continue;
      if (isRecord(value) && value.type === 'box') this.component(value, childPointer(at, block));
      else this.problem(childPointer(at, block), 'flex-component', `the ${block} must be a box (\`type: box\`)`);
    }
    const hero = bubble.hero;
    if (hero !== undefined) {
      if (isRecord(hero) && (hero.type === 'box' || hero.type === 'image' || hero.type === 'video')) this.component(hero, childPointer(at, 'hero'));
      else this.problem(childPointer(at, 'hero'), 'flex-component', 'the hero must be a box, an image or a video');
    }
    if (bubble.action !== undefined) this.action(bubble.action, childPointer(at, 'action'));
  }

  component(component: unknown, at: string): void {
    if (!isRecord(component) || typeof component.type !== 'string') {
      this.problem(at, 'flex-component', `a component needs a \`type\` (${COMPONENT_TYPES.join(', ')})`);
      return;
    }
    const { type } = component;
    if (!COMPONENT_TYPES.includes(type)) {
      this.problem(childPointer(at, 'type'), 'flex-component', `"${type}" is not a Flex component; use one of ${COMPONENT_TYPES.join(', ')}`);
      return;
    }
    if (type === 'box') this.box(component, at);
    if (type === 'text' && typeof component.text !== 'string' && !Array.isArray(component.contents)) this.problem(at, 'flex-component', 'a text component needs `text` (or `contents`, a list of spans)', true);
    if ((type === 'image' || type === 'icon') && (typeof component.url !== 'string' || !component.url.startsWith('https://'))) {
      this.problem(component.url === undefined ? at : childPointer(at, 'url'), 'flex-component', `an ${type} needs \`url\`, an https:// address`, component.url === undefined);
    }
    if (type === 'button' && component.action === undefined) this.problem(at, 'flex-component', 'a button needs an `action` (e.g. `{ type: uri, label: Call us, uri: "tel:021234567" }`)', true);
    if (component.action !== undefined) this.action(component.action, childPointer(at, 'action'));
  }

  box(box: Record<string, unknown>, at: string): void {
    if (typeof box.layout !== 'string' || !LAYOUTS.includes(box.layout)) {
      this.problem(box.layout === undefined ? at : childPointer(at, 'layout'), 'flex-component', `a box needs \`layout\`: ${LAYOUTS.join(', ')}`, box.layout === undefined);
    }
    if (!Array.isArray(box.contents)) {
      this.problem(at, 'flex-component', 'a box needs `contents`: a list of components (it may be empty)', true);
      return;
    }
    box.contents.forEach((child: unknown, i) => this.component(child, childPointer(at, 'contents', i)));
  }

  action(action: unknown, at: string): void {
    const type = isRecord(action) ? action.type : undefined;
    const known = [...Object.keys(ACTION_KEYS), ...OTHER_ACTIONS];
    if (!isRecord(action) || typeof type !== 'string' || !known.includes(type)) {
      this.problem(isRecord(action) && type !== undefined ? childPointer(at, 'type') : at, 'flex-component', `an action needs a \`type\`: ${known.join(', ')}`);
      return;
    }
    const key = ACTION_KEYS[type];
    if (key && typeof action[key] !== 'string') this.problem(at, 'flex-component', `a ${type} action needs \`${key}\``, true);
  }

  templates(contents: Record<string, unknown>, at: string): void {
    for (const { path, template } of flexTemplates(contents)) {
      const issue = flowFormats.template?.(template);
      if (!issue) continue;
      const pointer = childPointer(at, ...path);
      const position = issue.offset === undefined ? this.site.locator.locate(pointer) : this.site.locator.locateInString(pointer, issue.offset);
      this.problems.push({ file: this.site.file, ...position, pointer, code: issue.code, message: issue.message });
    }
  }
}

/** The problems of one Flex message whose key is at `at` (e.g. /steps/3/say/flex). */
export function flexProblems(flex: FlexMessageSpec, at: string, site: DocumentSite): FlowProblem[] {
  const checker = new FlexChecker(site);
  const contents = childPointer(at, 'contents');
  checker.container(flex.contents, contents);
  checker.templates(flex.contents, contents);
  return checker.problems;
}
