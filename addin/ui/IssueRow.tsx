import { Button, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { Issue, Locale } from '../../core/issues/issue';
import { studentLabel } from '../../core/issues/student';
import { issueMessage } from '../../core/messages/render';
import type { IssueDefinitions } from '../../core/issues/define';
import type { IssueView } from '../app/pane-state';
import { useStrings } from './strings-context';

const useStyles = makeStyles({
  row: {
    display: 'grid',
    gridTemplateColumns: '1fr auto',
    gridTemplateAreas: '"who fix" "msg fix" "ref fix"',
    alignItems: 'start',
    columnGap: tokens.spacingHorizontalS,
    rowGap: '2px',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalXS}`,
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
  },
  selected: {
    backgroundColor: tokens.colorNeutralBackground1Selected,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Selected },
  },
  ref: {
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorBrandForegroundLink,
    background: 'none',
    border: 'none',
    padding: 0,
    cursor: 'pointer',
    textAlign: 'left',
    gridArea: 'ref',
    justifySelf: 'start',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    maxWidth: '100%',
  },
  who: {
    gridArea: 'who',
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    wordBreak: 'break-word',
  },
  message: {
    gridArea: 'msg',
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    wordBreak: 'break-word',
  },
  fix: { gridArea: 'fix', alignSelf: 'center' },
});

/** One issue: its cell (click to go there), the message, and the one-click fix when there is one. */
export function IssueRow({
  issue,
  locale,
  packIssues,
  showSheet,
  showStudent,
  selected,
  onSelect,
  onFix,
  readOnly = false,
}: {
  issue: IssueView;
  locale: Locale;
  packIssues?: IssueDefinitions | undefined;
  showSheet: boolean;
  /** False inside a by-student group (its header names the student). */
  showStudent: boolean;
  selected: boolean;
  onSelect: (issue: Issue) => void;
  onFix: (issue: Issue) => void;
  readOnly?: boolean;
}) {
  const t = useStrings();
  const styles = useStyles();
  const ref = showSheet ? t.cellRef(issue.sheet, issue.address) : issue.address;
  const student = issue.student;
  const who =
    student === null
      ? null
      : showStudent
        ? student.column
          ? t.studentColumn(studentLabel(student, issue.row, locale), student.column)
          : studentLabel(student, issue.row, locale)
        : student.column;
  const other =
    student?.other === undefined
      ? null
      : studentLabel(student.other, student.other.row, locale) +
        (student.other.sheet !== issue.sheet ? `（${student.other.sheet}）` : '');
  return (
    <div
      className={mergeClasses(styles.row, selected && styles.selected)}
      data-testid="issue"
      data-code={issue.code}
      data-sheet={issue.sheet}
      data-address={issue.address}
      data-severity={issue.severity}
      onClick={() => onSelect(issue)}
    >
      {who !== null && (
        <span className={styles.who} data-testid="issue-student">
          {who}
          {other !== null && ` ⇄ ${other}`}
        </span>
      )}
      <span className={styles.message}>{issueMessage(issue, locale, packIssues)}</span>
      <button type="button" className={styles.ref} title={t.issues.locate} data-testid="issue-locate">
        {ref}
      </button>
      {issue.fix !== undefined && !readOnly ? (
        <Button
          size="small"
          appearance="primary"
          className={styles.fix}
          title={t.issues.fixTo(issue.fix === null ? t.issues.emptyValue : String(issue.fix))}
          data-testid="issue-fix"
          onClick={(e) => {
            e.stopPropagation();
            onFix(issue);
          }}
        >
          {t.issues.fix}
        </Button>
      ) : null}
    </div>
  );
}
