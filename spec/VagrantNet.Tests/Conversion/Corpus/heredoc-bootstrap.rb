$bootstrap = <<-SCRIPT
apt-get update
apt-get install -y nginx
systemctl enable --now nginx
SCRIPT

$motd = <<~MOTD
  Welcome to the lab.
  Be nice.
MOTD

Vagrant.configure("2") do |config|
  config.vm.box = "debian/bookworm64"
  config.vm.provision "shell", inline: $bootstrap
  config.vm.provision "shell", inline: "echo '#{$motd}' > /etc/motd", privileged: true
end
