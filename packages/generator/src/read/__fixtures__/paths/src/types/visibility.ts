/** Who may see a post: a string-literal union, so an enum column. */
export type Visibility = 'public' | 'unlisted' | 'private';
