// shared by every SQL backend's prechecks
export { alteredColumn, type AlteredColumn } from '@tidemark/sql';
