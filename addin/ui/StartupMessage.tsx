import {
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';

const useStyles = makeStyles({ root: { padding: tokens.spacingHorizontalM } });

/** Shown before the controller exists: connecting, or why the pane cannot start. */
export function StartupMessage({
  state,
  title,
  message,
}: {
  state: 'loading' | 'failed';
  title?: string;
  message: string;
}) {
  const styles = useStyles();
  return (
    <div className={styles.root} data-testid="startup" data-state={state}>
      {state === 'loading' ? (
        <Spinner size="small" label={message} />
      ) : (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            {title && <MessageBarTitle>{title}</MessageBarTitle>}
            {message}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
