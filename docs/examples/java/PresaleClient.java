import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 湖南省商品房预售许可取号 Java 示例（Java 11+，仅用 java.net.http，无第三方依赖）。
 * Hunan presale permit numbering: a Java 11+ client with no dependencies.
 *
 * <ol>
 *   <li>取令牌 token: POST /api/v1/oauth/token, client_credentials, client_secret_post (form body)</li>
 *   <li>查施工许可证 look up the construction permit: GET /api/v1/construction-permits/{number}</li>
 *   <li>取号 issue: POST /api/v1/presale-permits with an Idempotency-Key; on 503, 429, 409 in flight or a
 *       timeout it retries with the same key (the platform then answers the stored result, never a second number)</li>
 *   <li>打印 prints the presale permit number and the verification URL</li>
 * </ol>
 *
 * 环境变量 environment: PRESALE_BASE_URL (默认 default http://127.0.0.1:3000), PRESALE_CLIENT_ID,
 * PRESALE_CLIENT_SECRET, PRESALE_REQUEST_FILE (默认 presale-request.json), PRESALE_IDEMPOTENCY_KEY
 * (默认随机 default random; 重跑时传同一个值 pass the same value to re-run), PRESALE_MAX_ATTEMPTS (默认 6).
 *
 * 运行 run: javac -d /tmp/presale PresaleClient.java && java -cp /tmp/presale PresaleClient
 */
public final class PresaleClient {
  private static final PrintStream OUT = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
  private static final PrintStream ERR = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String baseUrl;

  private PresaleClient(String baseUrl) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  public static void main(String[] args) throws Exception {
    String baseUrl = env("PRESALE_BASE_URL", "http://127.0.0.1:3000");
    String clientId = required("PRESALE_CLIENT_ID");
    String clientSecret = required("PRESALE_CLIENT_SECRET");
    Path requestFile = Path.of(env("PRESALE_REQUEST_FILE", "presale-request.json"));
    String idempotencyKey = env("PRESALE_IDEMPOTENCY_KEY", "java-" + UUID.randomUUID());
    int maxAttempts = Integer.parseInt(env("PRESALE_MAX_ATTEMPTS", "6"));

    String body = Files.readString(requestFile, StandardCharsets.UTF_8);
    String permitNumber = firstPermitNumber(body);
    PresaleClient client = new PresaleClient(baseUrl);

    String token = client.token(clientId, clientSecret);
    OUT.println("已取得访问令牌 access token obtained");

    HttpResponse<String> permit = client.send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/construction-permits/" + permitNumber))
            .header("Authorization", "Bearer " + token)
            .GET());
    if (permit.statusCode() != 200) fail("查询施工许可证 permit lookup", permit);
    OUT.println("施工许可证 construction permit " + permitNumber + ": " + jsonString(permit.body(), "projectName"));

    OUT.println("幂等键 Idempotency-Key: " + idempotencyKey);
    HttpResponse<String> issued = client.issue(token, body, idempotencyKey, maxAttempts);
    OUT.println("预售许可证号 presaleNumber: " + jsonString(issued.body(), "presaleNumber"));
    OUT.println("核验网址 verifyUrl: " + jsonString(issued.body(), "verifyUrl"));
  }

  /** client_credentials with client_secret_post: id and secret in the form body (HTTP Basic is not supported). */
  private String token(String clientId, String clientSecret) throws IOException, InterruptedException {
    String form = "grant_type=client_credentials"
        + "&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
        + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
    HttpResponse<String> res = send(
        HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/oauth/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)));
    if (res.statusCode() != 200) fail("取令牌 token", res);
    return jsonString(res.body(), "access_token");
  }

  /**
   * 取号，遇 503 / 429 / 409（同一幂等键仍在处理）/ 超时时用同一幂等键重试：按 Retry-After 等待，否则 1、2、4… 秒。
   * Retries with the same key on 503, 429, 409 IDEMPOTENCY_KEY_IN_FLIGHT and timeouts.
   */
  private HttpResponse<String> issue(String token, String body, String key, int maxAttempts)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/presale-permits"))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("Idempotency-Key", key)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    for (int attempt = 1; ; attempt++) {
      long waitSeconds = Math.min(1L << (attempt - 1), 10);
      try {
        HttpResponse<String> res = send(request);
        int status = res.statusCode();
        if (status == 201) return res;
        boolean retryable = status == 503 || status == 429
            || (status == 409 && "IDEMPOTENCY_KEY_IN_FLIGHT".equals(jsonString(res.body(), "code")));
        if (!retryable || attempt >= maxAttempts) fail("取号 issue", res);
        waitSeconds = res.headers().firstValue("Retry-After").map(PresaleClient::seconds).orElse(waitSeconds);
        OUT.println("第 " + attempt + " 次取号返回 " + status + "，" + waitSeconds + " 秒后用同一幂等键重试 (attempt "
            + attempt + ": " + status + ", retrying with the same key)");
      } catch (IOException e) { // includes HttpTimeoutException and refused connections
        if (attempt >= maxAttempts) throw e;
        OUT.println("第 " + attempt + " 次取号未得到应答（" + e + "），" + waitSeconds + " 秒后用同一幂等键重试 (no answer, retrying)");
      }
      Thread.sleep(waitSeconds * 1000);
    }
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static long seconds(String retryAfter) {
    try {
      return Math.max(1, Math.min(Long.parseLong(retryAfter.trim()), 60));
    } catch (NumberFormatException e) {
      return 2; // an HTTP date: wait a little
    }
  }

  private static String firstPermitNumber(String body) {
    Matcher m = Pattern.compile("\"constructionPermitNumbers\"\\s*:\\s*\\[\\s*\"(\\d{18})\"").matcher(body);
    if (!m.find()) throw new IllegalArgumentException("请求体缺少 constructionPermitNumbers (no permit number in the request file)");
    return m.group(1);
  }

  /** The first string value of `field` in a JSON text (enough for this example; use a JSON library in production). */
  static String jsonString(String json, String field) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
    if (!m.find()) return null;
    String raw = m.group(1);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '\\' || i + 1 >= raw.length()) {
        out.append(c);
        continue;
      }
      char e = raw.charAt(++i);
      switch (e) {
        case 'n': out.append('\n'); break;
        case 't': out.append('\t'); break;
        case 'r': out.append('\r'); break;
        case 'b': out.append('\b'); break;
        case 'f': out.append('\f'); break;
        case 'u': out.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16)); i += 4; break;
        default: out.append(e); // \" \\ \/
      }
    }
    return out.toString();
  }

  private static void fail(String step, HttpResponse<String> res) {
    ERR.println(step + " 失败 failed: HTTP " + res.statusCode() + " " + res.body());
    System.exit(1);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  private static String required(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      ERR.println("缺少环境变量 missing environment variable " + name);
      System.exit(2);
    }
    return value;
  }
}
