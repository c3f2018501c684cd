// Random models and random edits of them, in the terms a user writes (classes, properties,
// decorators), turned into ModelDescriptions: every schema the evolution test applies is one
// `buildSnapshot` really produces from models.
import { tableName, type Capabilities, type ColumnDefault, type ModelDescription, type PortableType, type PropertyDescription, type ReferentialAction } from '@tidemark/core';
import type { Random } from './random.js';

type Kind = PortableType;
const KINDS: readonly Kind[] = ['i32', 'i64', 'f64', 'decimal', 'string', 'text', 'boolean', 'uuid', 'date', 'timestamp', 'json', 'bytes', 'enum'];
/** Kinds every backend can index without a prefix length (MySQL cannot index TEXT/BLOB/JSON whole). */
const INDEXABLE = new Set<Kind>(['i32', 'i64', 'f64', 'decimal', 'string', 'boolean', 'uuid', 'date', 'timestamp', 'enum']);
const ACTIONS: readonly ReferentialAction[] = ['cascade', 'set null', 'restrict', 'no action'];

export interface Prop {
  name: string;
  kind: Kind;
  optional: boolean;
  default?: ColumnDefault;
  unique?: boolean;
  index?: boolean;
  renamedFrom?: string;
  length?: number;
  precision?: number;
  scale?: number;
  values?: string[];
}
export interface Rel { name: string; target: string; optional: boolean; onDelete: ReferentialAction }
export interface Model {
  className: string;
  table?: string;
  renamedFrom?: string;
  key: 'auto' | 'auto64' | 'uuid' | 'composite';
  props: Prop[];
  rels: Rel[];
  indexes: { props: string[]; unique: boolean }[];
}

export const currentTable = (m: Model): string => m.table ?? tableName(m.className);

function defaultFor(p: Prop, r: Random): ColumnDefault | undefined {
  if (!r.chance(0.3)) return undefined;
  switch (p.kind) {
    case 'i32': case 'i64': case 'decimal': return 3;
    case 'f64': return 1.5;
    case 'string': case 'text': return 'dflt';
    case 'boolean': return r.chance(0.5);
    case 'uuid': return '00000000-0000-0000-0000-000000000000';
    case 'date': case 'timestamp': return { fn: 'now' };
    case 'enum': return p.values![0];
    default: return undefined;
  }
}

function shape(kind: Kind, r: Random): Pick<Prop, 'length' | 'precision' | 'scale' | 'values'> {
  if (kind === 'string') return { length: r.pick([16, 40, 255]) };
  if (kind === 'decimal') return { precision: r.pick([8, 12]), scale: r.pick([0, 2]) };
  if (kind === 'enum') return { values: r.chance(0.5) ? ['a', 'b'] : ['a', 'b', 'c'] };
  return {};
}

/**
 * What the random models may use on a backend, from its capabilities: no @Auto keys where the
 * database has no sequences, no database-enforced unique indexes where it cannot enforce them,
 * indexes only on the types it can index.
 */
interface Profile {
  readonly keys: readonly Model['key'][];
  readonly unique: boolean;
  readonly indexable: ReadonlySet<Kind>;
}

function profileFor(c: Capabilities | undefined): Profile {
  const indexable = new Set([...INDEXABLE].filter((k) => !c?.indexableTypes || c.indexableTypes.includes(k)));
  return {
    keys: c && !c.autoIncrement ? ['uuid', 'uuid', 'composite'] : ['auto', 'auto', 'auto64', 'uuid', 'composite'],
    unique: !c || c.uniqueIndexes === 'enforced',
    indexable,
  };
}

/** `RandomModels` owns a set of models and edits them at random, within what `capabilities` allow. */
export class RandomModels {
  models: Model[] = [];
  #counter = 0;
  readonly #profile: Profile;
  constructor(readonly r: Random, capabilities?: Capabilities) {
    this.#profile = profileFor(capabilities);
  }

  #fresh(prefix: string): string {
    return `${prefix}${++this.#counter}`;
  }

  newProp(): Prop {
    const r = this.r;
    const kind = r.pick(KINDS);
    const p: Prop = { name: this.#fresh('p'), kind, optional: r.chance(0.5), ...shape(kind, r) };
    const d = defaultFor(p, r);
    if (d !== undefined) p.default = d;
    if (this.#profile.unique && this.#profile.indexable.has(kind) && r.chance(0.15)) p.unique = true;
    else if (this.#profile.indexable.has(kind) && r.chance(0.15)) p.index = true;
    return p;
  }

  #addModel(): void {
    const r = this.r;
    const m: Model = {
      className: this.#fresh('M'),
      key: r.pick(this.#profile.keys),
      props: Array.from({ length: 1 + r.int(4) }, () => this.newProp()),
      rels: [],
      indexes: [],
    };
    this.models.push(m);
    if (r.chance(0.5)) this.#addRel(m);
  }

  #addRel(m: Model): void {
    const targets = this.models.filter((t) => t.key !== 'composite' && !m.rels.some((x) => x.target === t.className));
    if (targets.length === 0) return;
    m.rels.push({ name: this.#fresh('r'), target: this.r.pick(targets).className, optional: this.r.chance(0.6), onDelete: this.r.pick(ACTIONS) });
  }

  /** `edit` makes one random change a user could make to the models. */
  edit(): string {
    const r = this.r;
    if (this.models.length === 0 || r.chance(0.08)) { this.#addModel(); return 'add model'; }
    const m = r.pick(this.models);
    const p = m.props.length > 0 ? r.pick(m.props) : undefined;
    const what = r.int(14);
    switch (what) {
      case 0:
        if (this.models.length < 2) return 'noop';
        this.models = this.models.filter((x) => x !== m);
        for (const o of this.models) o.rels = o.rels.filter((x) => x.target !== m.className);
        return `drop model ${m.className}`;
      case 1: {
        const from = currentTable(m);
        m.table = this.#fresh('tbl');
        m.renamedFrom = from;
        return `rename table ${from} → ${m.table}`;
      }
      case 2: case 3: m.props.push(this.newProp()); return 'add property';
      case 4:
        if (!p) return 'noop';
        m.props = m.props.filter((x) => x !== p);
        m.indexes = m.indexes.filter((i) => !i.props.includes(p.name));
        return `drop property ${p.name}`;
      case 5: {
        if (!p) return 'noop';
        const to = this.#fresh('p');
        for (const i of m.indexes) i.props = i.props.map((x) => (x === p.name ? to : x));
        p.renamedFrom = p.name;
        p.name = to;
        return `rename property → ${to}`;
      }
      case 6: {
        if (!p) return 'noop';
        const kind = r.pick(KINDS);
        for (const k of ['default', 'length', 'precision', 'scale', 'values'] as const) delete p[k];
        Object.assign(p, { kind }, shape(kind, r));
        if (!this.#profile.indexable.has(kind)) {
          delete p.unique;
          delete p.index;
          m.indexes = m.indexes.filter((i) => !i.props.includes(p.name));
        }
        return `change type of ${p.name} to ${kind}`;
      }
      case 7: if (p) p.optional = !p.optional; return 'toggle optional';
      case 8: if (p && this.#profile.unique && this.#profile.indexable.has(p.kind)) { p.unique = !p.unique; delete p.index; } return 'toggle unique';
      case 9: if (p && this.#profile.indexable.has(p.kind) && !p.unique) p.index = !p.index; return 'toggle index';
      case 10: {
        const cols = m.props.filter((x) => this.#profile.indexable.has(x.kind));
        if (cols.length < 2) return 'noop';
        const a = r.pick(cols);
        const b = r.pick(cols.filter((x) => x !== a));
        m.indexes.push({ props: [a.name, b.name], unique: this.#profile.unique && r.chance(0.3) });
        return 'add composite index';
      }
      case 11: m.indexes.pop(); return 'drop composite index';
      case 12: this.#addRel(m); return 'add relation';
      default:
        if (m.rels.length > 0) { m.rels.splice(r.int(m.rels.length), 1); return 'drop relation'; }
        if (p) { const d = defaultFor(p, r); if (d === undefined) delete p.default; else p.default = d; }
        return 'change default';
    }
  }

  /** `forgetRenames` drops the renamedFrom hints once a rename is applied, as a user would. */
  forgetRenames(): void {
    for (const m of this.models) {
      delete m.renamedFrom;
      for (const p of m.props) delete p.renamedFrom;
    }
  }

  clone(): Model[] {
    return structuredClone(this.models);
  }

  /** `describe` turns the models into what the readers produce. */
  describe(): ModelDescription[] {
    return this.models.map((m): ModelDescription => {
      const keys: PropertyDescription[] = m.key === 'composite'
        ? [{ name: 'k1', type: { kind: 'scalar', type: 'i32' }, optional: false, key: true }, { name: 'k2', type: { kind: 'scalar', type: 'i32' }, optional: false, key: true }]
        : [{ name: 'id', type: { kind: 'scalar', type: m.key === 'uuid' ? 'uuid' : m.key === 'auto64' ? 'i64' : 'i32' }, optional: false, key: true, ...(m.key === 'uuid' ? {} : { auto: true }) }];
      const props = m.props.map((p): PropertyDescription => ({
        name: p.name,
        type: p.kind === 'enum' ? { kind: 'enum', values: p.values! } : { kind: 'scalar', type: p.kind === 'date' ? 'timestamp' : p.kind },
        optional: p.optional,
        ...(p.default !== undefined ? { default: p.default } : {}),
        ...(p.unique ? { unique: true } : {}),
        ...(p.index ? { index: true } : {}),
        column: {
          ...(p.kind === 'date' ? { type: 'date' as const } : {}),
          ...(p.length !== undefined ? { length: p.length } : {}),
          ...(p.precision !== undefined ? { precision: p.precision, scale: p.scale } : {}),
          ...(p.renamedFrom ? { renamedFrom: p.renamedFrom } : {}),
        },
      }));
      const rels = m.rels.map((x): PropertyDescription => ({
        name: x.name, type: { kind: 'model', name: x.target, array: false }, optional: x.optional,
        relation: { kind: 'belongsTo', target: x.target, options: { onDelete: x.onDelete } },
      }));
      return {
        className: m.className, file: `models/${m.className}.ts`, line: 1,
        ...(m.table ? { table: m.table } : {}),
        ...(m.renamedFrom ? { renamedFrom: m.renamedFrom } : {}),
        indexes: m.indexes.map((i) => ({ properties: i.props, unique: i.unique })),
        properties: [...keys, ...props, ...rels],
      };
    });
  }
}
