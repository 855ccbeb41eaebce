/**
 * An image the operator attaches in the composer, checked against LINE's limits before anything is uploaded
 * (the engine checks again: docs/media.md), uploaded as its bytes, and, when over LINE's 1 MB preview limit,
 * sent with a smaller JPEG made here as its preview.
 */
import { msg, str } from '@lit/localize';
import type { AttachmentResponse } from '../../../engine/contracts/rest.ts';
import { authorizedFetch } from '../api/authorized-fetch.ts';

export const IMAGE_LIMIT_BYTES = 10 * 1024 * 1024;
export const PREVIEW_LIMIT_BYTES = 1024 * 1024;
const TYPES = ['image/jpeg', 'image/png'];
/** the preview's longest side: LINE shows it in the chat bubble, where 1024 px is plenty and stays well under 1 MB */
const PREVIEW_SIDE_PX = 1024;

/** Why LINE would refuse this file, in the operator's words; null when it may be sent. */
export function imageProblem(file: Blob): string | null {
  if (!TYPES.includes(file.type)) return msg('LINE lets you send JPEG or PNG images only. To share another file, put a link to it in your reply.');
  if (file.size > IMAGE_LIMIT_BYTES) return msg(str`This image is ${(file.size / 1024 / 1024).toFixed(1)} MB; LINE takes images up to 10 MB.`);
  return null;
}

/** Uploads the bytes for the conversation; the id goes into the message. Errors as the API's (413, 415). */
export async function uploadImage(conversationId: string, image: Blob): Promise<string> {
  const response = await authorizedFetch(`/api/conversations/${encodeURIComponent(conversationId)}/attachments`, {
    method: 'POST',
    headers: { 'content-type': image.type || 'application/octet-stream', accept: 'application/json' },
    body: image,
  });
  const answer: AttachmentResponse = await response.json();
  return answer.attachment.id;
}

/** A JPEG of at most 1024 px a side, for LINE's preview of an image over 1 MB. */
export async function previewOf(image: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(image);
  const scale = Math.min(1, PREVIEW_SIDE_PX / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.8));
  if (!blob || blob.size > PREVIEW_LIMIT_BYTES) throw new Error(msg('Could not make a preview small enough for LINE.'));
  return blob;
}

/** The first image file of a paste or a drop, if any. */
export function imageFileOf(data: DataTransfer | null): File | null {
  return [...(data?.files ?? [])].find((f) => f.type.startsWith('image/')) ?? [...(data?.files ?? [])][0] ?? null;
}
