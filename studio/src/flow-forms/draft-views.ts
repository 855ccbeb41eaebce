/**
 * The ways to look at a draft besides its YAML: named apart from <baton-draft-views> so the view
 * switcher can list them without loading the graph and the forms before one is shown.
 */
export const DRAFT_VIEWS = ['graph', 'hours', 'canned', 'keywords', 'survey'] as const;
export type DraftView = (typeof DRAFT_VIEWS)[number];

export const DRAFT_VIEW_NAMES: Readonly<Record<DraftView, string>> = {
  graph: 'Graph',
  hours: 'Hours',
  canned: 'Canned',
  keywords: 'Keywords',
  survey: 'Survey',
};
