import { View, Text } from '@tarojs/components'
import { TIERS } from '@vip-club/shared'

export default function Page() {
  return (
    <View>
      <Text>home {TIERS.join(',')}</Text>
    </View>
  )
}
