import { recordRequests } from './record-requests';

recordRequests();
