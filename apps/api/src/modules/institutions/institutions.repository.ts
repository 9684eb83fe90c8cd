import { Injectable } from '@nestjs/common';
import { Database } from '../../platform/database/database';
import { GlobalRepository } from '../../platform/database/global.repository';
import { Institution } from './entities/institution.entity';

@Injectable()
export class InstitutionsRepository extends GlobalRepository<Institution> {
  constructor(db: Database) {
    super(db, Institution);
  }

  findBySlug(slug: string): Promise<Institution | null> {
    return this.repo.findOneBy({ slug });
  }

  findById(id: string): Promise<Institution | null> {
    return this.repo.findOneBy({ id });
  }

  async insert(institution: Omit<Institution, 'createdAt' | 'updatedAt'>): Promise<void> {
    await this.repo.insert(institution);
  }

  count(): Promise<number> {
    return this.repo.count();
  }

  async setStatus(id: string, status: Institution['status']): Promise<void> {
    await this.repo.update({ id }, { status });
  }

  async setNameAndTimeZone(id: string, name: string, timeZone: string): Promise<void> {
    await this.repo.update({ id }, { name, timeZone });
  }

  listSchools(): Promise<Institution[]> {
    return this.repo.find({ where: { kind: 'school' }, order: { slug: 'ASC' } });
  }
}
