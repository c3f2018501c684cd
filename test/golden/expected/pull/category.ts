// Pulled from table categories by `tidemark migrate:pull`; edit it like any other model.
import { Model, Key, Auto, Column, Index, BelongsTo, HasMany } from '@tidemark/decorators';
import type { Relation } from '@tidemark/decorators';
import { PersonCategory } from './person-category.js';

@Model()
export class Category {
  @Key() @Auto() id!: number;
  @Column({ length: 80 }) name!: string;
  @BelongsTo(() => Category, { onDelete: 'set null', onUpdate: 'cascade', name: 'categories_parent_fk' }) parent?: Relation<Category> | null;
  @Index() parentId?: number | null;
  @HasMany(() => Category) categoriesAsParent!: Category[];
  @HasMany(() => PersonCategory) personCategories!: PersonCategory[];
}
