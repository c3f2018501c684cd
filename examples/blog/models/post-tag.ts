import { Model, Key, BelongsTo } from '@tidemark/decorators';
import type { Relation } from '@tidemark/decorators';
import { Post } from './post.js';
import { Tag } from './tag.js';

/** The join table between posts and tags: its key is the pair. */
@Model()
export class PostTag {
  @Key() postId!: number;
  @Key() tagId!: number;
  @BelongsTo(() => Post, { onDelete: 'cascade' }) post!: Relation<Post>;
  @BelongsTo(() => Tag, { onDelete: 'cascade' }) tag!: Relation<Tag>;
  position: number = 0;
}
