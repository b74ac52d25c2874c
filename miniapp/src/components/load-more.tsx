import { Button, View } from '@tarojs/components';
import { useT, type MessageKey } from '../i18n';
import './load-more.scss';

interface LoadMoreProps {
  /** The words of the way on: "查看更多反馈", "查看更多". */
  label: MessageKey;
  isLoading: boolean;
  /** A next page that failed, said here at the bottom where the reader is; the button then tries again. */
  error: string | null;
  onMore: () => void;
}

/** The end of a list read a page at a time: the button to the next page, and its failure right above it. */
export function LoadMore({ label, isLoading, error, onMore }: LoadMoreProps) {
  const t = useT();
  return (
    <View className="load-more">
      {error ? (
        <View className="banner-error load-more__error" data-error="more">
          {error}
        </View>
      ) : null}
      {/* Not disabled while the page is on its way (a disabled button's words fade out of sight): a second
          tap asks for nothing, since that cursor is already being read. */}
      <Button className="btn-quiet" data-action="more" onClick={onMore}>
        {t(isLoading ? 'common.loading' : error ? 'common.retry' : label)}
      </Button>
    </View>
  );
}
