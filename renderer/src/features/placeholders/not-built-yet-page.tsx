import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { PageHeader } from '../../components/page-header.tsx';

export interface PlannedPage {
  title: string;
  summary: string;
  /** What will be on this page once it is built, one line each. */
  coming: readonly string[];
}

/** A section that is not built yet, saying so plainly, with what will come. No sample data. */
export function NotBuiltYetPage({ title, summary, coming }: PlannedPage) {
  return (
    <>
      <PageHeader title={title} summary={summary} />
      <Alert severity="info" sx={{ mb: 3 }}>
        <AlertTitle>Not built yet</AlertTitle>
        This part of Countersign is not built yet. Nothing here is real data.
      </Alert>
      <Paper variant="outlined" sx={{ p: 2 }}>
        <Typography variant="h6" component="h2">
          What will be here
        </Typography>
        <List aria-label={`What ${title} will offer`}>
          {coming.map((line) => (
            <ListItem key={line} disableGutters>
              <ListItemText primary={line} />
            </ListItem>
          ))}
        </List>
      </Paper>
    </>
  );
}
