// Pulled from table people by `tidemark migrate:pull`; edit it like any other model.
import { Model, Key, Auto, Column, Unique, Index, Default, HasMany, HasOne } from '@tidemark/decorators';
import type { Float, Decimal, Uuid, Text, Json, Relation } from '@tidemark/decorators';
import { PersonCategory } from './person-category.js';
import { Profile } from './profile.js';

@Model()
@Index(['role', 'age'], { unique: true })
@Index(['nickname'], { name: 'people_by_name' })
export class Person {
  @Key() @Auto() id!: bigint;
  @Default(18) age?: number | null;
  @Default(0) visits!: bigint;
  score: Float = 1.5;
  @Column({ precision: 12, scale: 4 }) balance!: Decimal;
  fee: Decimal = 0;
  @Column({ length: 80 }) nickname!: string;
  @Unique() email!: string;
  bio?: Text | null;
  isActive: boolean = true;
  externalId!: Uuid;
  @Column({ type: 'date' }) @Default('2000-01-01') bornOn?: Date | null;
  @Default(Default.now) createdAt!: Date;
  settings?: Json<unknown> | null;
  avatar?: Uint8Array | null;
  role: 'admin' | 'member' | 'o\'brien' = 'member';
  @Column({ name: 'line_1', length: 120 }) line1?: string | null;
  @Column({ name: 'class', length: 20 }) classValue?: string | null;
  @Column({ name: 'updatedAt' }) updatedAt?: Date | null;
  @HasMany(() => PersonCategory) personCategories!: PersonCategory[];
  @HasOne(() => Profile) profile?: Relation<Profile> | null;
}
