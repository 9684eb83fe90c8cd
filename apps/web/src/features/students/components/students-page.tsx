import { Route, Routes } from 'react-router';
import { ImportPanel } from './import-panel';
import { StudentFormPage } from './student-form';
import { StudentProfilePage } from './student-profile';
import { StudentsList } from './students-list';

/** /students and its sub-pages: list, import, new, a profile and its edit form. */
export function StudentsPage() {
  return (
    <Routes>
      <Route index element={<StudentsList />} />
      <Route path="import" element={<ImportPanel />} />
      <Route path="new" element={<StudentFormPage />} />
      <Route path=":studentId" element={<StudentProfilePage />} />
      <Route path=":studentId/edit" element={<StudentFormPage />} />
    </Routes>
  );
}
