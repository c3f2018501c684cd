import { Model, Key, Auto, Column, BelongsTo } from '@tidemark/decorators';
import type { Relation } from '@tidemark/decorators';

/** Categories nest: a category may belong to a parent category (a self-reference). */
@Model()
export class Category {
  @Key() @Auto() id!: number;
  @Column({ length: 80 }) name!: string;
  @BelongsTo(() => Category, { onDelete: 'set null' }) parent?: Relation<Category> | null;
  parentId?: number | null;
}
