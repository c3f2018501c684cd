import { Model, Key, Auto } from '@tidemark/decorators';
import type { Visibility } from '@/types/visibility.js';
import type { Visibility as SameVisibility } from '../types/visibility.js';

@Model()
export class Post {
  @Key() @Auto() id!: number;
  // The same type through the tsconfig alias and through a relative import.
  visibility!: Visibility;
  previous?: SameVisibility;
}
