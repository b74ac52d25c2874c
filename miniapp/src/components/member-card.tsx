import { Text, View } from '@tarojs/components';
import type { Tier } from '@vip-club/shared';
import { useT } from '../i18n';
import { formatPoints, printMemberNo } from '../lib/format';
import './member-card.scss';

interface MemberCardProps {
  name: string;
  tier: Tier;
  points: number;
  memberNo: string;
}

/** The member's card, coloured by tier, as they would hold it at the counter. */
export function MemberCard({ name, tier, points, memberNo }: MemberCardProps) {
  const t = useT();
  return (
    <View className={`member-card member-card--${tier}`} data-tier={tier}>
      <View className="member-card__sheen" />
      <View className="member-card__top">
        <Text className="member-card__house">{t('brand.house')}</Text>
        <Text className="member-card__tier">{t('tier.member', { tier: t(`tier.${tier}`) })}</Text>
      </View>
      <Text className="member-card__name">{name}</Text>
      <View className="member-card__bottom">
        <View>
          <Text className="member-card__label">{t('home.memberNo')}</Text>
          <Text className="member-card__no">{printMemberNo(memberNo)}</Text>
        </View>
        <View className="member-card__points-box">
          <Text className="member-card__label">{t('home.points')}</Text>
          <Text className="member-card__points">{formatPoints(points)}</Text>
        </View>
      </View>
    </View>
  );
}
