package dev.roundtable.notify;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/** The leaf parts of a received email and their bytes, for tests that read what GreenMail got. */
final class MailParts {
  private MailParts() {
  }

  static List<Part> leaves(Part part) throws Exception {
    List<Part> out = new ArrayList<>();
    if (part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        out.addAll(leaves(multipart.getBodyPart(i)));
      }
    } else {
      out.add(part);
    }
    return out;
  }

  static byte[] bytes(Part p) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    p.getInputStream().transferTo(out);
    return out.toByteArray();
  }
}
