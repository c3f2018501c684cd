import { Model, Key, Column, Index, Unique, BelongsTo, HasMany } from '@tidemark/decorators';
import type { Decimal, Json, Uuid } from '@tidemark/decorators';
import { Author } from './author.js';
import { Review } from './review.js';

@Model()
@Index(['authorId', 'publishedOn'])
export class Book {
  @Key() id!: Uuid;
  @Column({ length: 200 }) title!: string;
  @Unique() @Column({ length: 17 }) isbn!: string;
  @BelongsTo(() => Author, { onDelete: 'cascade' }) author!: Author;
  authorId!: Uuid;
  @Column({ type: 'date' }) publishedOn?: Date | null;
  @Column({ precision: 8, scale: 2 }) price!: Decimal;
  tags!: Json<string[]>;
  pageCount?: number | null;
  @HasMany(() => Review) reviews!: Review[];
}
