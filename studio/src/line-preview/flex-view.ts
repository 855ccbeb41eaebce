/**
 * A Flex container drawn the way the LINE app lays it out: a bubble's header, hero, body and footer, boxes
 * (vertical, horizontal, baseline) with spacing, margins, padding and flex ratios, texts (size, weight,
 * colour, wrap, align), images, icons, buttons (primary, secondary, link), separators, spacers and fillers.
 * What it does not know (a new component type, a video) shows as a labelled placeholder, never an error:
 * the preview must survive any JSON a flow author writes. Nothing is tappable; it is a picture of the card.
 */
import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { styleMap, type StyleInfo } from 'lit/directives/style-map.js';
import { aspectRatio, bubbleWidth, color, httpsUrl, imageSize, length, space, textSize } from './flex-scales.ts';

type Json = Record<string, unknown>;
type Layout = 'vertical' | 'horizontal' | 'baseline';

const isJson = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const asText = (value: unknown): string => (typeof value === 'string' ? value : '');
/** deeper than any card a person writes; stops a hand-made cycle or a runaway document */
const MAX_DEPTH = 12;

export function renderFlexContainer(contents: unknown): TemplateResult {
  if (isJson(contents) && contents.type === 'carousel') {
    const bubbles = Array.isArray(contents.contents) ? contents.contents : [];
    return html`<div class="flex-carousel" data-testid="flex-carousel">${bubbles.map((bubble) => renderBubble(bubble))}</div>`;
  }
  return renderBubble(contents);
}

function renderBubble(bubble: unknown): TemplateResult {
  if (!isJson(bubble) || bubble.type !== 'bubble') return placeholder(isJson(bubble) ? asText(bubble.type) : '');
  const styles = isJson(bubble.styles) ? bubble.styles : {};
  const block = (name: 'header' | 'hero' | 'body' | 'footer') => {
    const part = bubble[name];
    if (part === undefined) return nothing;
    const style = isJson(styles[name]) ? styles[name] : {};
    const separator = style.separator === true ? html`<hr class="flex-separator" style=${styleMap({ borderColor: color(style.separatorColor) })} />` : nothing;
    return html`${separator}<div class="flex-block ${name}" style=${styleMap({ backgroundColor: color(style.backgroundColor) })}>${renderComponent(part, 'vertical', 0)}</div>`;
  };
  return html`<div class="flex-bubble" data-testid="flex-bubble" style=${styleMap({ width: bubbleWidth(bubble.size) })}>
    ${block('header')}${block('hero')}${block('body')}${block('footer')}
  </div>`;
}

/** A component inside a box of `parent` layout: its flex ratio and margin depend on the box's direction. */
function renderComponent(component: unknown, parent: Layout, depth: number): TemplateResult {
  if (!isJson(component) || depth > MAX_DEPTH) return placeholder(isJson(component) ? asText(component.type) : '');
  const across = parent === 'vertical' ? 'marginTop' : 'marginLeft';
  // LINE: children of a horizontal box share its width (flex 1), children of a vertical one take their height (flex 0)
  const grow = typeof component.flex === 'number' ? component.flex : parent === 'vertical' ? 0 : 1;
  const item: StyleInfo = { flex: grow > 0 ? `${grow} 1 0` : '0 0 auto', [across]: space(component.margin), ...offsets(component) };
  switch (component.type) {
    case 'box':
      return renderBox(component, item, depth);
    case 'text':
      return renderText(component, item);
    case 'image':
      return renderImage(component, item);
    case 'icon': {
      const url = httpsUrl(component.url);
      const size = textSize(component.size) ?? textSize('md');
      return url ? html`<img class="flex-icon" alt="" src=${url} style=${styleMap({ ...item, width: size, height: size })} />` : placeholder('icon');
    }
    case 'button':
      return renderButton(component, item);
    case 'separator':
      return html`<hr class="flex-separator ${parent === 'vertical' ? '' : 'vertical'}" style=${styleMap({ ...item, flex: '0 0 auto', borderColor: color(component.color) })} />`;
    case 'spacer':
      return html`<div class="flex-spacer" style=${styleMap({ ...item, flex: '0 0 auto', height: space(component.size) ?? space('md'), width: space(component.size) ?? space('md') })}></div>`;
    case 'filler':
      return html`<div class="flex-filler" style=${styleMap({ flex: `${typeof component.flex === 'number' ? component.flex : 1} 1 0` })}></div>`;
    default:
      return placeholder(asText(component.type));
  }
}

function offsets(component: Json): StyleInfo {
  return {
    position: component.position === 'absolute' ? 'absolute' : undefined,
    top: length(component.offsetTop),
    bottom: length(component.offsetBottom),
    left: length(component.offsetStart),
    right: length(component.offsetEnd),
  };
}

function renderBox(box: Json, item: StyleInfo, depth: number): TemplateResult {
  const layout: Layout = box.layout === 'horizontal' || box.layout === 'baseline' ? box.layout : 'vertical';
  const children = Array.isArray(box.contents) ? box.contents : [];
  const gap = space(box.spacing);
  const style: StyleInfo = {
    ...item,
    backgroundColor: color(box.backgroundColor),
    borderColor: color(box.borderColor),
    borderWidth: box.borderWidth === undefined ? undefined : (length(box.borderWidth) ?? '1px'),
    borderStyle: box.borderWidth === undefined && box.borderColor === undefined ? undefined : 'solid',
    borderRadius: length(box.cornerRadius) ?? space(box.cornerRadius),
    width: length(box.width),
    height: length(box.height),
    padding: space(box.paddingAll),
    paddingTop: space(box.paddingTop),
    paddingBottom: space(box.paddingBottom),
    paddingLeft: space(box.paddingStart),
    paddingRight: space(box.paddingEnd),
    justifyContent: asText(box.justifyContent) || undefined,
    alignItems: layout === 'baseline' ? 'baseline' : asText(box.alignItems) || undefined,
  };
  return html`<div class="flex-box ${layout}" style=${styleMap({ ...style, gap })}>${children.map((child) => renderComponent(child, layout, depth + 1))}</div>`;
}

function renderText(text: Json, item: StyleInfo): TemplateResult {
  const spans = Array.isArray(text.contents) ? text.contents.filter(isJson) : [];
  const style: StyleInfo = {
    ...item,
    fontSize: textSize(text.size),
    fontWeight: text.weight === 'bold' ? '700' : undefined,
    fontStyle: text.style === 'italic' ? 'italic' : undefined,
    textDecoration: text.decoration === 'underline' || text.decoration === 'line-through' ? text.decoration : undefined,
    color: color(text.color),
    textAlign: text.align === 'center' ? 'center' : text.align === 'end' ? 'right' : undefined,
    lineHeight: length(text.lineSpacing) ? `calc(1.3em + ${String(text.lineSpacing)})` : undefined,
  };
  const body = spans.length
    ? spans.map((span) => html`<span style=${styleMap({ fontSize: textSize(span.size), fontWeight: span.weight === 'bold' ? '700' : undefined, color: color(span.color) })}>${asText(span.text)}</span>`)
    : asText(text.text);
  return html`<div class="flex-text ${text.wrap === true ? 'wrap' : ''}" data-testid="flex-text" style=${styleMap(style)}>${body}</div>`;
}

function renderImage(image: Json, item: StyleInfo): TemplateResult {
  const url = httpsUrl(image.url);
  const width = imageSize(image.size) ?? imageSize('md');
  const ratio = aspectRatio(image.aspectRatio) ?? '1 / 1';
  const box: StyleInfo = { ...item, width, maxWidth: '100%', aspectRatio: ratio, alignSelf: image.align === 'start' ? 'flex-start' : image.align === 'end' ? 'flex-end' : 'center', backgroundColor: color(image.backgroundColor) };
  if (!url) return html`<div class="flex-image missing" style=${styleMap(box)}>${msg('image')}</div>`;
  // the frame keeps the image's place and shape when the picture does not load (as LINE's grey box does)
  const failed = (event: Event) => {
    const element = event.target;
    if (element instanceof HTMLImageElement) element.hidden = true;
  };
  return html`<div class="flex-image" style=${styleMap(box)}>
    <img alt="" src=${url} @error=${failed} style=${styleMap({ objectFit: image.aspectMode === 'cover' ? 'cover' : 'contain' })} />
  </div>`;
}

function renderButton(button: Json, item: StyleInfo): TemplateResult {
  const action = isJson(button.action) ? button.action : {};
  const style = button.style === 'primary' || button.style === 'secondary' ? button.style : 'link';
  const tint = color(button.color);
  const colours: StyleInfo = style === 'link' ? { color: tint } : { backgroundColor: tint };
  return html`<div class="flex-button ${style} ${button.height === 'sm' ? 'sm' : ''}" data-testid="flex-button" style=${styleMap({ ...item, ...colours })}>
    ${asText(action.label) || msg('(button)')}
  </div>`;
}

/** What the preview cannot draw, named, so the operator knows something is there. */
function placeholder(type: string): TemplateResult {
  const label = type ? msg(str`Flex “${type}” (not shown in this preview)`) : msg('A Flex part this preview cannot show');
  return html`<div class="flex-unknown" data-testid="flex-unknown">${label}</div>`;
}
