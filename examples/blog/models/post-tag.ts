import { Model, Key, BelongsTo } from '@tidemark/decorators';
import { Post } from './post.js';
import { Tag } from './tag.js';

/** The join table between posts and tags: its key is the pair. */
@Model()
export class PostTag {
  @Key() postId!: number;
  @Key() tagId!: number;
  @BelongsTo(() => Post, { onDelete: 'cascade' }) post!: Post;
  @BelongsTo(() => Tag, { onDelete: 'cascade' }) tag!: Tag;
  position: number = 0;
}
