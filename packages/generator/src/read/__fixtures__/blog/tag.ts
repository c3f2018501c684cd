import { Model, Key, Auto, Unique, Index, BelongsTo } from '@tidemark/decorators';
import { Post } from './post.js';

@Model()
export class Tag {
  @Key() @Auto() id!: bigint;
  @Unique() label!: string;
}

/** A join model: a composite key over two declared foreign key properties. */
@Model()
export class PostTag {
  @Key() postId!: number;
  @Key() tagId!: bigint;
  @BelongsTo(() => Post, { onDelete: 'cascade' }) post!: Post;
  @BelongsTo(() => Tag, { onDelete: 'cascade' }) tag!: Tag;
  @Index() position: number = 0;
}
