import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An uploaded e-license (电子证照) file; when absent the service renders one from the permit data. */
@Entity({ name: 'e_license_file' })
export class ELicenseFile {
  @PrimaryColumn({ name: 'permit_number', type: 'char', length: 18 })
  permitNumber!: string;

  @Column({ name: 'file_name', type: 'text' })
  fileName!: string;

  @Column({ type: 'bytea' })
  content!: Buffer;

  @Column({ name: 'sha256', type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'uploaded_at', type: 'timestamptz', default: () => 'now()' })
  uploadedAt!: Date;
}
