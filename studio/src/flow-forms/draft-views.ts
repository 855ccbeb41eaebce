import { msg } from '@lit/localize';

/**
 * The ways to look at a draft besides its YAML: named apart from <baton-draft-views> so the view
 * switcher can list them without loading the graph and the forms before one is shown.
 */
export const DRAFT_VIEWS = ['graph', 'hours', 'canned', 'keywords', 'survey'] as const;
export type DraftView = (typeof DRAFT_VIEWS)[number];

/** a view's name on its tab, asked at each render (msg() answers in the language of the moment) */
export const draftViewName = (view: DraftView): string =>
  ({
    graph: msg('Graph', { desc: 'the draft drawn as a graph (a view tab)' }),
    hours: msg('Hours', { desc: 'the business hours form (a view tab)' }),
    canned: msg('Canned', { desc: 'the button that lists canned responses' }),
    keywords: msg('Keywords', { desc: 'the handoff keywords form (a view tab)' }),
    survey: msg('Survey', { desc: 'the CSAT survey form (a view tab)' }),
  })[view];
