/** Studio entry: registers the app shell (which pulls in every page it routes to) and restores the session from its cookie. */
import './app/baton-app.ts';
import { session } from './auth/session.ts';

void session.restore();
