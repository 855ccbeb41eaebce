/** Studio entry: registers the app shell, which pulls in every page it routes to. */
import './app/baton-app.ts';
