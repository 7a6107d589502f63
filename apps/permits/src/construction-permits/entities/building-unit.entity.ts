import { Column, Entity, PrimaryColumn } from 'typeorm';

/** 单体: a building of a construction permit, coded by the drawing-review system. */
@Entity({ name: 'building_unit' })
export class BuildingUnit {
  @PrimaryColumn({ name: 'permit_number', type: 'char', length: 18 })
  permitNumber!: string;

  @PrimaryColumn({ name: 'unit_code', type: 'text' })
  unitCode!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'int' })
  floors!: number;

  /** m² with two decimals; numeric in the database, parsed to number on read. */
  @Column({
    name: 'floor_area',
    type: 'numeric',
    precision: 12,
    scale: 2,
    transformer: { to: (v: number) => v, from: (v: string) => Number(v) },
  })
  floorArea!: number;
}
