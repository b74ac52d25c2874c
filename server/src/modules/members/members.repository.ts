import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { MemberEntity } from './entities/member.entity';

export type NewMember = Omit<MemberEntity, 'id' | 'store' | 'clerk'>;

@Injectable()
export class MembersRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(MemberEntity);
  }

  findById(id: string, em?: EntityManager): Promise<MemberEntity | null> {
    return this.repo(em).findOneBy({ id });
  }

  findByPhone(phone: string, em?: EntityManager): Promise<MemberEntity | null> {
    return this.repo(em).findOneBy({ phone });
  }

  /** A live (not erased) member with this referral code. */
  findByReferralCode(referralCode: string, em?: EntityManager): Promise<MemberEntity | null> {
    return this.repo(em).findOneBy({ referralCode, erasedAt: IsNull() });
  }

  async existsWith(
    where: { memberNo: string } | { referralCode: string },
    em?: EntityManager,
  ): Promise<boolean> {
    return (await this.repo(em).countBy(where)) > 0;
  }

  async insert(values: NewMember, em?: EntityManager): Promise<MemberEntity> {
    const result = await this.repo(em).insert(values);
    const id = String(result.identifiers[0].id);
    const created = await this.findById(id, em);
    if (!created) throw new Error(`member ${id} vanished after insert`);
    return created;
  }

  async update(id: string, values: Partial<NewMember>, em?: EntityManager): Promise<void> {
    await this.repo(em).update({ id }, values);
  }

  count(em?: EntityManager): Promise<number> {
    return this.repo(em).count();
  }
}
