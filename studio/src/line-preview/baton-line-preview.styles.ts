import { css } from 'lit';

/**
 * LINE's look, kept in light colours in both studio themes: it is a picture of the customer's phone, where
 * a card is white on LINE's blue-grey chat background whatever the studio's theme.
 */
export const linePreviewStyles = css`
  :host {
    display: block;
    white-space: normal;
    font-family: -apple-system, 'Helvetica Neue', 'Noto Sans Thai', 'Noto Sans', sans-serif;
    font-size: 14px;
    line-height: 1.3;
    color: #111111;
    min-width: 0;
  }
  .chat {
    display: flex;
    flex-direction: column;
    align-items: flex-start;
    gap: 6px;
    min-width: 0;
  }
  :host([framed]) .chat {
    background: #8ca7c9;
    padding: 12px;
    border-radius: 10px;
    max-height: 340px;
    overflow: auto;
  }
  .message {
    max-width: 100%;
    min-width: 0;
  }
  .message.text {
    background: #ffffff;
    border-radius: 16px;
    padding: 8px 12px;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    max-width: 300px;
  }
  .message.image img {
    display: block;
    max-width: 240px;
    max-height: 240px;
    border-radius: 16px;
  }
  .message.unknown,
  .unknown,
  .flex-unknown {
    background: #f3f3f3;
    color: #666666;
    border: 1px dashed #aaaaaa;
    border-radius: 8px;
    padding: 6px 10px;
    font-size: 12px;
  }
  .flex-carousel {
    display: flex;
    gap: 8px;
    overflow-x: auto;
    max-width: 100%;
    padding-bottom: 4px;
  }
  .flex-bubble {
    flex: 0 0 auto;
    max-width: 100%;
    background: #ffffff;
    border-radius: 16px;
    overflow: hidden;
    display: flex;
    flex-direction: column;
  }
  .flex-block {
    display: flex;
    flex-direction: column;
  }
  .flex-block.header,
  .flex-block.body,
  .flex-block.footer {
    padding: 16px 20px;
  }
  .flex-block.body + .flex-block.footer {
    padding-top: 0;
  }
  .flex-box {
    display: flex;
    min-width: 0;
    position: relative;
  }
  .flex-box.vertical {
    flex-direction: column;
  }
  .flex-box.horizontal,
  .flex-box.baseline {
    flex-direction: row;
  }
  .flex-text {
    min-width: 0;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .flex-text.wrap {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .flex-image {
    background: #e8e8e8;
    color: #888888;
    font-size: 12px;
    display: flex;
    align-items: center;
    justify-content: center;
    overflow: hidden;
  }
  .flex-image img {
    display: block;
    width: 100%;
    height: 100%;
  }
  .flex-image img[hidden] {
    display: none;
  }
  .flex-icon {
    display: inline-block;
    align-self: baseline;
  }
  .flex-button {
    display: flex;
    align-items: center;
    justify-content: center;
    min-height: 52px;
    border-radius: 8px;
    padding: 0 12px;
    font-size: 16px;
    text-align: center;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  .flex-button.sm {
    min-height: 40px;
  }
  .flex-button.primary {
    background: #17c950;
    color: #ffffff;
  }
  .flex-button.secondary {
    background: #dcdfe5;
    color: #111111;
  }
  .flex-button.link {
    color: #42659a;
  }
  .flex-separator {
    border: none;
    border-top: 1px solid #e5e5e5;
    margin: 0;
    align-self: stretch;
  }
  .flex-separator.vertical {
    border-top: none;
    border-left: 1px solid #e5e5e5;
  }
  .quick-replies {
    display: flex;
    gap: 6px;
    overflow-x: auto;
    max-width: 100%;
    padding-top: 4px;
  }
  .chip {
    flex: 0 0 auto;
    background: #ffffff;
    color: #1e3a8a;
    border: 1px solid #c7d2e0;
    border-radius: 999px;
    padding: 6px 12px;
    font-size: 13px;
    white-space: nowrap;
  }
`;
