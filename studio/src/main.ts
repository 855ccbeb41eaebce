/**
 * Studio entry: starts the studio's language (the remembered one, else the browser's), registers the app
 * shell (which pulls in every page it routes to) and restores the session from its cookie.
 */
import './i18n/localization.ts';
import './app/baton-app.ts';
import { session } from './auth/session.ts';

void session.restore();
