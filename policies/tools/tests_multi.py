"""Realistic multi-rule cases: a .env file, a GitHub Actions workflow, a Python snippet, a shell script."""

from fakes import ALNUM, B32, B62, B64, HEX, URL64, Fakes


def add(p) -> None:
    f = Fakes("multi")
    hook = f"T{f.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/B{f.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/{f.chars(B62, 24)}"  # noqa: E501
    p.multi("# production settings\nAPP_ENV=production\nLOG_LEVEL=info\n"
            "DATABASE_URL=postgres://§@db.internal:5432/app\n"
            "GITHUB_TOKEN=§\n"
            "STRIPE_SECRET_KEY=§\n"
            "OPENAI_API_KEY=§\n"
            "SLACK_WEBHOOK_URL=https://hooks.slack.com/services/§\n"
            "AWS_ACCESS_KEY_ID=§\n"
            "AWS_SECRET_ACCESS_KEY=§\n"
            "FEATURE_FLAGS=beta,search\n",
            ("database-connection-string", "app:" + f.chars(ALNUM, 18)),
            ("github-pat", f.github("ghp_")),
            ("stripe-live-secret-key", "sk_live_51" + f.chars(B62, 97)),
            ("openai-project-key", "sk-proj-" + f.chars(URL64, 74) + "T3BlbkFJ" + f.chars(URL64, 74)),
            ("slack-webhook-url", hook),
            ("aws-access-key-id", "AKIA" + f.chars(B32, 16)),
            ("aws-secret-access-key", f.chars(B64, 40)),
            name="multi: .env file")

    p.multi("name: deploy\non: push\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    env:\n"
            "      NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n"
            "      DOCKERHUB_TOKEN: §\n"
            "    steps:\n      - uses: actions/checkout@v4\n"
            "      - run: echo \"//registry.npmjs.org/:_authToken=${NPM_TOKEN}\" > .npmrc\n"
            "      - run: curl -X POST -H \"Authorization: Bearer §\" https://slack.com/api/chat.postMessage\n"
            "      - run: git push https://x-access-token:§@github.com/org/repo.git HEAD:main\n",
            ("dockerhub-pat", "dckr_pat_" + f.chars(URL64, 27)),
            ("slack-bot-token", f"xoxb-{f.digits(12)}-{f.digits(13)}-{f.chars(B62, 24)}"),
            ("github-server-to-server-token", f.github("ghs_")),
            name="multi: GitHub Actions workflow")

    p.multi("import anthropic, boto3\n\n"
            "client = anthropic.Anthropic(api_key=\"§\")\n"
            "s3 = boto3.client(\"s3\", aws_access_key_id=\"§\",\n"
            "                  aws_secret_access_key=\"§\")\n"
            "token = os.environ.get(\"HF_TOKEN\")  # read at runtime\n"
            "hf_hub_download(repo_id=\"org/model\", filename=\"config.json\", token=\"§\")\n",
            ("anthropic-api-key", "sk-ant-api03-" + f.chars(URL64, 93) + "AA"),
            ("aws-access-key-id", "ASIA" + f.chars(B32, 16)),
            ("aws-secret-access-key", f.chars(B64, 40)),
            ("huggingface-token", "hf_" + f.chars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", 34)),
            name="multi: Python snippet")

    p.multi("2026-11-28T09:00:01Z INFO connecting to mongodb+srv://§@cluster0.x1y2z.mongodb.net/app\n"
            "2026-11-28T09:00:02Z DEBUG sending Authorization: Bearer §\n"
            "2026-11-28T09:00:03Z INFO request id " + f.chars(HEX, 32) + " done in 12ms\n",
            ("database-connection-string", "svc:" + f.chars(ALNUM, 20)),
            ("jwt", f.jwt()),
            name="multi: application log")

    p.tests.append({"name": "multi: install script holds",
                    "input": "#!/bin/sh\nset -e\ncurl -fsSL https://get.example.test/install.sh | sh\n"
                             "terraform destroy -target=module.legacy\nkubectl delete ns legacy\n",
                    "expect_hold": ["pipe-to-shell", "terraform-destroy", "kubectl-delete-cluster-scoped"]})
    p.tests.append({"name": "multi: ordinary script holds nothing",
                    "input": "#!/bin/sh\nset -e\nnpm ci\nnpm test\nterraform plan -out=tfplan\n"
                             "kubectl rollout status deploy/web\nrm -rf ./dist\n",
                    "expect_hold": []})
