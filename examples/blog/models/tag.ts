import { Model, Key, Auto, Unique, HasMany } from '@tidemark/decorators';
import { PostTag } from './post-tag.js';

@Model()
export class Tag {
  @Key() @Auto() id!: number;
  @Unique() slug!: string;
  label!: string;
  @HasMany(() => PostTag) postTags!: PostTag[];
}
