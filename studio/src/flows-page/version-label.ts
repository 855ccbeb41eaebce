import { msg, str } from '@lit/localize';

/** "version 3", as one side of a comparison is named (asked at each render: it follows the language) */
export const versionLabel = (version: number): string => msg(str`version ${version}`);
